"""Peers side by side: DFLKit against PyEPO (Gurobi), qpth, cvxpylayers and a PyTorch DYS layer.

Both sides run in this one process tree, on the same data, one thread each, alternating: each
repetition times the peer, then DFLKit (`dfl bench measure` for solves and layers, `dfl train`
for epochs), so a change of machine load hits both. Every ratio printed is peer median / DFLKit
median from this run. The QP rows also report each layer's solution and gradient error against an
exact reference computed here (a tight Clarabel solve, then the exact KKT solve on its active set).

Run through Scripts/bench-peers.sh, which sets up the virtual environment and builds `dfl`.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

import numpy as np

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TQDM_DISABLE", "1")
import torch  # noqa: E402

torch.set_num_threads(1)
# PyEPO trains in float32 (torch's default, as its tutorials); the layer rows use float64 throughout.
F64 = torch.float64

import pyepo  # noqa: E402
from pyepo.model.grb import knapsackModel, shortestPathModel, tspDFJModel  # noqa: E402


# ----------------------------------------------------------------------------------------------
# Plumbing


def median(xs):
    return float(np.median(np.asarray(xs, dtype=float)))


def load():
    return os.getloadavg()[0]


def table_row(what, peer, peer_times, our_times, unit, note, **extra):
    """One table row from both sides' timings (medians), with the load now; printed as progress."""
    r = {
        "what": what,
        "peer": peer,
        "peer_s": median(peer_times),
        "ours_s": median(our_times),
        "unit": unit,
        "note": note,
        "load": load(),
        **extra,
    }
    progress(r)
    return r


class Dfl:
    """Runs the DFLKit binary."""

    def __init__(self, binary, work):
        self.binary = binary
        self.work = work
        self.count = 0

    def measure(self, case):
        self.count += 1
        path = os.path.join(self.work, f"case{self.count}.json")
        with open(path, "w") as f:
            json.dump(case, f)
        out = subprocess.run([self.binary, "bench", "measure", path], check=True, capture_output=True, text=True)
        return json.loads(out.stdout)

    def train(self, args):
        self.count += 1
        path = os.path.join(self.work, f"train{self.count}.json")
        subprocess.run(
            [self.binary, "train", "--quiet", "--threads", "1", "--output", path] + args,
            check=True,
            capture_output=True,
            text=True,
        )
        with open(path) as f:
            return json.load(f)


def quiet_gurobi(model):
    model._model.setParam("OutputFlag", 0)
    model._model.setParam("Threads", 1)
    return model


def write_dataset(path, x, c):
    p, d = x.shape[1], c.shape[1]
    header = ",".join([f"x{i}" for i in range(p)] + [f"c{j}" for j in range(d)])
    np.savetxt(path, np.hstack([x, c]), delimiter=",", header=header, comments="", fmt="%.17g")


# ----------------------------------------------------------------------------------------------
# Exact solves


def solve_rows(args, dfl):
    """Per-solve time of PyEPO's Gurobi models against DFLKit's exact solvers."""
    rows = []
    n = args.instances
    cases = []
    for grid in (5, 10):
        _, c = pyepo.data.shortestpath.genData(n, 5, (grid, grid), deg=6, noise_width=0.5, seed=args.seed)
        cases.append(
            (
                f"shortest path {grid}x{grid}, one exact solve",
                lambda grid=grid: quiet_gurobi(shortestPathModel(grid=(grid, grid))),
                {"name": "shortest-path", "rows": grid, "columns": grid},
                c,
            )
        )
    weights, _, c = pyepo.data.knapsack.genData(n, 5, 32, 3, deg=6, noise_width=0.5, seed=args.seed)
    cases.append(
        (
            "knapsack 32 items x 3 dims, one exact solve",
            lambda: quiet_gurobi(knapsackModel(weights=weights, capacity=[20] * 3)),
            {"name": "knapsack", "weights": weights.tolist(), "capacities": [20.0] * 3},
            c,
        )
    )
    _, c = pyepo.data.tsp.genData(n, 5, 10, deg=6, noise_width=0.5, seed=args.seed)
    cases.append(
        (
            "TSP 10 nodes (PyEPO: DFJ), one exact solve",
            lambda: quiet_gurobi(tspDFJModel(num_nodes=10)),
            {"name": "tsp", "nodes": 10},
            c,
        )
    )
    for label, make_model, problem, costs in cases:
        model = make_model()
        peer_t, ours_t = [], []
        peer_obj = None
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            objs = []
            for row in costs:
                model.setObj(row)
                _, obj = model.solve()
                objs.append(obj)
            peer_t.append((time.perf_counter() - t0) / len(costs))
            peer_obj = np.asarray(objs)
            m = dfl.measure({"kind": "solve", "problem": problem, "costs": costs.tolist(), "repeats": 1})
            ours_t.append(m["seconds"][0])
            ours_obj = np.asarray(m["objectives"])
        gap = float(np.max(np.abs(peer_obj - ours_obj) / np.maximum(1.0, np.abs(peer_obj))))
        rows.append(
            table_row(label, "PyEPO + Gurobi", peer_t, ours_t, "µs", f"{len(costs)} instances; max relative objective gap {gap:.1e}")
        )
    return rows


# ----------------------------------------------------------------------------------------------
# Training epochs


def epoch_rows(args, dfl, work):
    """Seconds per training epoch: PyEPO's loop (linear model, Adam 1e-2, batch 32) against `dfl train`."""
    rows = []
    for grid, methods in ((5, ["two-stage", "spo+", "pfyl", "dbb", "nce"]), (10, ["spo+"])):
        x, c = pyepo.data.shortestpath.genData(2000, 5, (grid, grid), deg=6, noise_width=0.5, seed=args.seed)
        xtr, ctr, xte, cte = x[:1000], c[:1000], x[1000:], c[1000:]
        train_csv = os.path.join(work, f"sp{grid}_train.csv")
        test_csv = os.path.join(work, f"sp{grid}_test.csv")
        write_dataset(train_csv, xtr, ctr)
        write_dataset(test_csv, xte, cte)
        model = quiet_gurobi(shortestPathModel(grid=(grid, grid)))
        dataset = pyepo.data.dataset.optDataset(model, xtr, ctr)
        d = ctr.shape[1]
        for method in methods:
            peer_t, ours_t = [], []
            for _ in range(args.repeats):
                peer_t.append(pyepo_epoch(method, model, dataset, d, args.epochs, args.seed))
                r = dfl.train(
                    [
                        "--problem", "shortest-path", "--grid", f"{grid}x{grid}",
                        "--train-data", train_csv, "--test-data", test_csv,
                        "--method", method, "--epochs", str(args.epochs), "--seed", str(args.seed),
                    ]
                )  # fmt: skip
                ours_t.append(r["secondsPerEpoch"])
            rows.append(
                table_row(
                    f"{method} epoch, SP {grid}x{grid}, 1000 instances", "PyEPO", peer_t, ours_t, "s",
                    f"mean of {args.epochs} epochs, median of {args.repeats}",
                )
            )
    return rows


def pyepo_epoch(method, model, dataset, d, epochs, seed):
    """Mean seconds per epoch of PyEPO's own training loop (labelling excluded, as DFLKit's)."""
    torch.manual_seed(seed)
    loader = torch.utils.data.DataLoader(dataset, batch_size=32, shuffle=True)
    p = dataset.feats.shape[1]
    net = torch.nn.Linear(p, d)
    opt = torch.optim.Adam(net.parameters(), lr=1e-2)
    if method == "spo+":
        loss_fn = pyepo.func.SPOPlus(model, processes=1)
    elif method == "pfyl":
        loss_fn = pyepo.func.perturbedFenchelYoung(model, n_samples=10, sigma=1.0, processes=1)
    elif method == "dbb":
        loss_fn = pyepo.func.blackboxOpt(model, lambd=10, processes=1)
    elif method == "nce":
        loss_fn = pyepo.func.NCE(model, processes=1, solve_ratio=1.0, dataset=dataset)
    else:
        loss_fn = torch.nn.MSELoss()
    t0 = time.perf_counter()
    for _ in range(epochs):
        for x, c, w, z in loader:
            cp = net(x)
            if method == "spo+":
                loss = loss_fn(cp, c, w, z)
            elif method in ("pfyl", "nce"):
                loss = loss_fn(cp, w)
            elif method == "dbb":
                wp = loss_fn(cp)
                loss = torch.abs((wp * c).sum(1) - z.reshape(-1)).mean()
            else:
                loss = loss_fn(cp, c)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return (time.perf_counter() - t0) / epochs


# ----------------------------------------------------------------------------------------------
# Smoothed layers


def grid_flow(grid):
    """Node-arc incidence of PyEPO's grid (east arcs of each row, then south arcs), source +1, sink −1."""
    nodes = grid * grid
    arcs = []
    for i in range(grid):
        for j in range(grid - 1):
            arcs.append((i * grid + j, i * grid + j + 1))
        if i == grid - 1:
            continue
        for j in range(grid):
            arcs.append((i * grid + j, (i + 1) * grid + j))
    a = np.zeros((nodes, len(arcs)))
    for k, (u, v) in enumerate(arcs):
        a[u, k] = 1.0
        a[v, k] = -1.0
    b = np.zeros(nodes)
    b[0], b[-1] = 1.0, -1.0
    return a, b


def exact_reference(a, b, costs, cotangents, mu):
    """Exact solution and cost gradient of `min pᵀv + μ‖v‖², Av = b, v ≥ 0`, per instance.

    On the grid (a DAG with unit flow) `v ≤ 1` is implied, so this is the layers' problem. A Clarabel
    solve at tolerance 1e-12 gives the active set; on it the solution is the affine projection of
    `−p/(2μ)` onto `{v_F : A_F v_F = b}` (F the variables off their bound), and the gradient of
    `gᵀv` is `−N g_F/(2μ)` with N the projector onto the null space of A_F, zero on bound variables.
    The smallest strict-complementarity margin (bound multiplier on the active set, value off it)
    is returned: where it is positive the derivative exists.
    """
    import cvxpy as cp

    n = a.shape[1]
    v = cp.Variable(n)
    p = cp.Parameter(n)
    nonnegative = v >= 0
    prob = cp.Problem(cp.Minimize(p @ v + mu * cp.sum_squares(v)), [a @ v == b, nonnegative])
    sols, grads, margin = [], [], np.inf
    for pc, g in zip(costs, cotangents):
        p.value = pc
        prob.solve(solver=cp.CLARABEL, tol_gap_abs=1e-12, tol_gap_rel=1e-12, tol_feas=1e-12)
        lower = v.value < 1e-7
        free = ~lower
        af = a[:, free]
        u = -pc[free] / (2 * mu)
        pinv = np.linalg.pinv(af)
        sol = np.zeros(n)
        sol[free] = u - pinv @ (af @ u - b)
        duals = np.asarray(nonnegative.dual_value)
        margin = min(margin, float(np.min(sol[free])), float(np.min(duals[lower])) if lower.any() else np.inf)
        grad = np.zeros(n)
        grad[free] = -((np.eye(af.shape[1]) - pinv @ af) @ g[free]) / (2 * mu)
        sols.append(sol)
        grads.append(grad)
    return np.asarray(sols), np.asarray(grads), margin


def qpth_layer(a, b, mu):
    from qpth.qp import QPFunction

    n = a.shape[1]
    q = torch.eye(n, dtype=F64) * (2 * mu)
    g = torch.cat([-torch.eye(n, dtype=F64), torch.eye(n, dtype=F64)])
    h = torch.cat([torch.zeros(n, dtype=F64), torch.ones(n, dtype=F64)])
    aa = torch.tensor(a[:-1])  # the redundant last conservation row dropped (qpth needs full row rank)
    bb = torch.tensor(b[:-1])
    layer = QPFunction(verbose=-1)
    return lambda p: layer(q, p, g, h, aa, bb)


def cvxpy_layer(a, b, mu):
    import cvxpy as cp
    from cvxpylayers.torch import CvxpyLayer

    n = a.shape[1]
    v = cp.Variable(n)
    p = cp.Parameter(n)
    prob = cp.Problem(cp.Minimize(p @ v + mu * cp.sum_squares(v)), [a @ v == b, v >= 0, v <= 1])
    layer = CvxpyLayer(prob, parameters=[p], variables=[v])
    return lambda pc: layer(pc, solver_args={"n_jobs_forward": 1, "n_jobs_backward": 1})[0]


def dys_layer(a, b, mu, step, tol, iters):
    """A Davis–Yin layer as DYS-Net describes it (fpo-dys): iterate without gradients to the fixed
    point, then one step with gradients (Jacobian-free backpropagation); C1 = {v ≥ 0}, C2 = {Av = b}
    by the SVD pseudo-inverse, F(z) = p + 2μz."""
    at = torch.tensor(a)
    bt = torch.tensor(b)
    pinv = torch.linalg.pinv(at, rtol=1e-6)

    def project_c2(z):
        return z - (z @ at.T - bt) @ pinv.T

    def step_fn(z, p):
        x = torch.clamp(z, min=0)
        y = project_c2(2 * x - z - step * (p + 2 * mu * z))
        return z - x + y

    def forward(p):
        with torch.no_grad():
            z = torch.zeros_like(p)
            for _ in range(iters):
                nz = step_fn(z, p)
                done = torch.linalg.norm(nz - z) <= tol
                z = nz
                if done:
                    break
        z = step_fn(z.detach(), p)
        return torch.clamp(z, min=0)

    return forward


def layer_rows(args, dfl):
    rows = []
    grid = 5
    a, b = grid_flow(grid)
    n = a.shape[1]
    rng = np.random.default_rng(args.seed)
    for mu in (0.1, 1.0):
        for batch in (32, 256):
            costs = rng.uniform(0, 2, size=(batch, n))
            cot = rng.normal(size=(batch, n))
            ref_x, ref_g, margin = exact_reference(a, b, costs, cot, mu)
            peers = [("qpth", qpth_layer(a, b, mu))]
            if batch <= args.cvxpy_max_batch:
                peers.append(("cvxpylayers (SCS)", cvxpy_layer(a, b, mu)))
            step = 1.0 / (2 * mu) if args.dys_step is None else args.dys_step
            peers.append(("PyTorch DYS (JFB)", dys_layer(a, b, mu, step, args.dys_tolerance, args.dys_iterations)))
            for name, layer in peers:
                ours_layer = "dys" if "DYS" in name else "qp"
                peer_t, ours_t = [], []
                peer_x = peer_g = ours = None
                for _ in range(args.repeats):
                    pt = torch.tensor(costs, requires_grad=True)
                    t0 = time.perf_counter()
                    out = layer(pt)
                    (out * torch.tensor(cot)).sum().backward()
                    peer_t.append(time.perf_counter() - t0)
                    peer_x, peer_g = out.detach().numpy(), pt.grad.numpy()
                    case = {
                        "kind": "layer", "layer": ours_layer, "smoothing": mu, "repeats": 1,
                        "problem": {"name": "shortest-path", "rows": grid, "columns": grid},
                        "costs": costs.tolist(), "cotangents": cot.tolist(),
                        "dysTolerance": args.dys_tolerance, "dysMaxIterations": args.dys_iterations,
                    }  # fmt: skip
                    ours = dfl.measure(case)
                    ours_t.append(ours["seconds"][0])

                def err(x, ref):
                    return float(np.max(np.abs(np.asarray(x) - ref)))

                rows.append(
                    table_row(
                        f"{'DYS' if ours_layer == 'dys' else 'QP'} layer fwd+bwd, SP 5x5, batch {batch}, μ = {mu:g}",
                        name, peer_t, ours_t, "ms", f"complementarity margin of the reference {margin:.1e}",
                        peer_err=(err(peer_x, ref_x), err(peer_g, ref_g)),
                        ours_err=(err(ours["solutions"], ref_x), err(ours["gradients"], ref_g)),
                    )
                )
    return rows


# ----------------------------------------------------------------------------------------------
# Report


def fmt_time(seconds, unit):
    scale = {"s": 1, "ms": 1e3, "µs": 1e6}[unit]
    v = seconds * scale
    return f"{v:.3g} {unit}" if v < 100 else f"{v:.0f} {unit}"


def progress(row):
    print(
        f"  {row['what']}: {row['peer']} {fmt_time(row['peer_s'], row['unit'])}, "
        f"DFLKit {fmt_time(row['ours_s'], row['unit'])}, {row['peer_s'] / row['ours_s']:.1f}x (load {row['load']:.2f})",
        file=sys.stderr,
        flush=True,
    )


def markdown(rows, args, started, versions):
    out = []
    out.append(f"Measured by `bash Scripts/bench-peers.sh` on {started:%Y-%m-%d %H:%M} UTC, {platform.node()}:")
    out.append(f"{os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}; {versions}.")
    out.append(
        f"One thread each side, {args.repeats} alternating repetitions (peer, then DFLKit), medians; "
        "1-minute load average at the end of each row in the last column."
    )
    out.append("")
    out.append("| what | peer | peer time | DFLKit time | ratio | peer error (x, ∇) | DFLKit error (x, ∇) | load | note |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        pe = r.get("peer_err")
        oe = r.get("ours_err")
        out.append(
            "| {} | {} | {} | {} | {:.1f}× | {} | {} | {:.2f} | {} |".format(
                r["what"],
                r["peer"],
                fmt_time(r["peer_s"], r["unit"]),
                fmt_time(r["ours_s"], r["unit"]),
                r["peer_s"] / r["ours_s"],
                f"{pe[0]:.1e}, {pe[1]:.1e}" if pe else "–",
                f"{oe[0]:.1e}, {oe[1]:.1e}" if oe else "–",
                r["load"],
                r["note"],
            )
        )
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dfl", required=True, help="the dfl binary (release build)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--instances", type=int, default=1000, help="instances per solve row")
    parser.add_argument("--epochs", type=int, default=2, help="epochs per timed training run")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cvxpy-max-batch", type=int, default=32)
    parser.add_argument("--dys-tolerance", type=float, default=1e-6)
    parser.add_argument("--dys-iterations", type=int, default=5000)
    parser.add_argument("--dys-step", type=float, default=None)
    parser.add_argument("--parts", default="solve,epoch,layer")
    parser.add_argument("--markdown", help="write the table here (markdown)")
    parser.add_argument("--json", help="write the rows here (JSON)")
    args = parser.parse_args()
    started = datetime.datetime.now(datetime.timezone.utc)
    import gurobipy
    import qpth

    versions = (
        f"PyEPO {pyepo.__version__ if hasattr(pyepo, '__version__') else '?'}, gurobipy {gurobipy.gurobi.version()}, "
        f"torch {torch.__version__}, qpth {getattr(qpth, '__version__', '0.0.18')}, numpy {np.__version__}"
    )
    parts = args.parts.split(",")
    rows = []
    with tempfile.TemporaryDirectory() as work:
        dfl = Dfl(args.dfl, work)
        if "solve" in parts:
            rows += solve_rows(args, dfl)
        if "epoch" in parts:
            rows += epoch_rows(args, dfl, work)
        if "layer" in parts:
            rows += layer_rows(args, dfl)
    text = markdown(rows, args, started, versions)
    print(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text + "\n")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
