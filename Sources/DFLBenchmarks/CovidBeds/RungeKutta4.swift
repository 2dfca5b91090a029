import DFLTensor

/// Classical fourth-order Runge–Kutta on plain vectors: `steps` steps of size `dt` from `state`
/// for the autonomous-in-step field `field(t, x)`.
public func rungeKutta4(
    from state: [Double], startTime: Double = 0, stepSize dt: Double, steps: Int, field: (Double, [Double]) -> [Double]
) -> [Double] {
    var x = state
    var t = startTime
    let n = x.count
    var tmp = [Double](repeating: 0, count: n)
    for _ in 0..<steps {
        let k1 = field(t, x)
        for i in 0..<n { tmp[i] = x[i] + 0.5 * dt * k1[i] }
        let k2 = field(t + 0.5 * dt, tmp)
        for i in 0..<n { tmp[i] = x[i] + 0.5 * dt * k2[i] }
        let k3 = field(t + 0.5 * dt, tmp)
        for i in 0..<n { tmp[i] = x[i] + dt * k3[i] }
        let k4 = field(t + dt, tmp)
        for i in 0..<n { x[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) }
        t += dt
    }
    return x
}

/// Differentiable fourth-order Runge–Kutta: the state is a list of variables (one per component,
/// each of any common shape, e.g. `[batch]`), so gradients flow through every stage to the
/// initial state and to whatever the field captures (e.g. a predicted transmission rate).
public func rungeKutta4(
    from state: [Variable], startTime: Double = 0, stepSize dt: Double, steps: Int,
    field: (Double, [Variable]) -> [Variable]
) -> [Variable] {
    var x = state
    var t = startTime
    for _ in 0..<steps {
        let half = 0.5 * dt
        let k1: [Variable] = field(t, x)
        var stage: [Variable] = []
        for i in 0..<x.count { stage.append(x[i] + half * k1[i]) }
        let k2: [Variable] = field(t + half, stage)
        stage.removeAll(keepingCapacity: true)
        for i in 0..<x.count { stage.append(x[i] + half * k2[i]) }
        let k3: [Variable] = field(t + half, stage)
        stage.removeAll(keepingCapacity: true)
        for i in 0..<x.count { stage.append(x[i] + dt * k3[i]) }
        let k4: [Variable] = field(t + dt, stage)
        var next: [Variable] = []
        for i in 0..<x.count {
            let middle: Variable = k2[i] + k3[i]
            let sumK: Variable = k1[i] + 2 * middle + k4[i]
            next.append(x[i] + (dt / 6) * sumK)
        }
        x = next
        t += dt
    }
    return x
}
