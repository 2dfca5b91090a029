/// A trainable tensor with a name (`"mlp.layers.0.weight"`) for checkpoints.
///
/// `@unchecked Sendable`: a parameter is mutated only by the single thread that runs the training
/// step (forward, backward, optimizer update); it is never shared across concurrent steps.
public final class Parameter: @unchecked Sendable {
    /// Hierarchical name, unique within a model.
    public let name: String
    /// Current value.
    public var value: Tensor
    /// Gradient accumulated by ``Variable/backward(seed:)``; `nil` until a backward pass reaches it.
    public var gradient: Tensor?

    /// Creates a named parameter.
    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
    }

    /// Clears the accumulated gradient.
    public func zeroGradient() { gradient = nil }
}

/// A node of the reverse-mode autodiff graph.
///
/// Each node holds its value, its parents and a pullback that maps the cotangent of its output to
/// one cotangent per parent. There is no global tape: the graph is the set of nodes reachable from
/// the output. ``Variable/record(_:parents:pullback:)`` is the one place that builds nodes, and it is
/// the custom-op API other modules use to attach their own backward (solver-backed losses, QP and
/// fixed-point layers).
///
/// `@unchecked Sendable`: nodes are immutable after creation (`value` and `pullback` are `let`;
/// `parents` is only emptied by `deinit`, when no other reference exists); only a leaf's
/// ``Parameter`` is written, during `backward`, by the training thread.
public final class Variable: @unchecked Sendable {
    /// The forward value.
    public let value: Tensor
    /// Parent nodes (inputs of the op that made this node). Written only by `deinit`, which
    /// empties it to free long chains iteratively.
    private(set) var parents: [Variable]
    /// Maps this node's cotangent to one cotangent per parent.
    let pullback: (@Sendable (Tensor) -> [Tensor])?
    /// For a parameter leaf: where the gradient accumulates.
    public let parameter: Parameter?
    /// Whether any gradient can flow to a leaf through this node.
    public let requiresGradient: Bool

    /// Shape of the value.
    public var shape: [Int] { value.shape }

    /// A constant leaf (no gradient is computed for it).
    public convenience init(_ value: Tensor) {
        self.init(value: value, parents: [], pullback: nil, parameter: nil, requiresGradient: false)
    }

    /// A differentiable leaf (an input we want the gradient of; see ``valueWithPullback(at:in:)``).
    public convenience init(differentiable value: Tensor) {
        self.init(value: value, parents: [], pullback: nil, parameter: nil, requiresGradient: true)
    }

    /// A leaf reading `parameter.value` whose gradient accumulates into `parameter.gradient`.
    public convenience init(parameter: Parameter) {
        self.init(value: parameter.value, parents: [], pullback: nil, parameter: parameter, requiresGradient: true)
    }

    private init(
        value: Tensor, parents: [Variable], pullback: (@Sendable (Tensor) -> [Tensor])?,
        parameter: Parameter? = nil, requiresGradient: Bool = true
    ) {
        self.value = value
        self.parents = parents
        self.pullback = pullback
        self.parameter = parameter
        self.requiresGradient = requiresGradient
    }

    /// Frees the graph above this node without recursion, so very long chains (unrolled
    /// iterations, long sequences) cannot overflow the stack when released.
    deinit {
        guard !parents.isEmpty else { return }
        var pending = parents
        parents = []
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) {
                pending.append(contentsOf: node.parents)
                node.parents = []
            }
        }
    }

    /// A constant leaf with the same value: gradients stop here (a "stop-gradient").
    public func detached() -> Variable { Variable(value) }

    /// Records an op with a custom backward: the custom-op API.
    ///
    /// - Parameters:
    ///   - value: The op's forward output.
    ///   - parents: The op's inputs.
    ///   - pullback: Maps the output cotangent (shape of `value`) to one cotangent per parent, each
    ///     with that parent's shape. It may be called many times.
    /// - Returns: A node that gradients flow through; a constant when no parent needs a gradient or
    ///   inside ``withoutGradients(_:)``.
    public static func record(
        _ value: Tensor, parents: [Variable], pullback: @escaping @Sendable (Tensor) -> [Tensor]
    ) -> Variable {
        guard GradientRecording.isEnabled, parents.contains(where: { $0.requiresGradient }) else {
            return Variable(value)
        }
        return Variable(value: value, parents: parents, pullback: pullback)
    }

    /// Nodes reachable from `self` that need gradients, in reverse topological order (outputs first).
    func reverseTopologicalOrder() -> [Variable] {
        var order: [Variable] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Variable, Int)] = [(self, 0)]
        visited.insert(ObjectIdentifier(self))
        while let (node, next) = stack.popLast() {
            if next < node.parents.count {
                stack.append((node, next + 1))
                let p = node.parents[next]
                if p.requiresGradient && !visited.contains(ObjectIdentifier(p)) {
                    visited.insert(ObjectIdentifier(p))
                    stack.append((p, 0))
                }
            } else {
                order.append(node)
            }
        }
        return order.reversed()
    }

    /// Propagates `seed` (default: ones, i.e. d(sum of outputs)) back through the graph and returns
    /// the cotangent of every reached node; parameter leaves also accumulate into their parameter.
    @discardableResult
    func propagate(seed: Tensor, accumulateIntoParameters: Bool) -> [ObjectIdentifier: Tensor] {
        var cotangents: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed]
        for node in reverseTopologicalOrder() {
            guard let g = cotangents[ObjectIdentifier(node)] else { continue }
            if let pb = node.pullback {
                let grads = pb(g)
                precondition(
                    grads.count == node.parents.count,
                    "pullback returned \(grads.count) cotangents for \(node.parents.count) parents")
                for (p, gp) in zip(node.parents, grads) where p.requiresGradient {
                    precondition(
                        gp.shape == p.shape || gp.scalarCount == p.value.scalarCount,
                        "pullback cotangent shape \(gp.shape) does not match parent shape \(p.shape)")
                    let gp = gp.shape == p.shape ? gp : gp.reshaped(p.shape)
                    let key = ObjectIdentifier(p)
                    if let existing = cotangents[key] {
                        cotangents[key] = existing + gp
                    } else {
                        cotangents[key] = gp
                    }
                }
            }
            if accumulateIntoParameters, let param = node.parameter {
                param.gradient = param.gradient.map { $0 + g } ?? g
            }
        }
        return cotangents
    }

    /// Back-propagates from this node; gradients accumulate into the ``Parameter``s of the leaves.
    /// - Parameter seed: The cotangent of this node (default ones: the gradient of a scalar loss).
    public func backward(seed: Tensor? = nil) {
        propagate(seed: seed ?? Tensor.ones(value.shape), accumulateIntoParameters: true)
    }
}

/// Evaluates `f` at `inputs` and returns its value and a pullback that can be applied many times
/// (e.g. inside an iterative linear solver for implicit differentiation).
public func valueWithPullback(
    at inputs: [Tensor], in f: ([Variable]) -> Variable
) -> (value: Tensor, pullback: (Tensor) -> [Tensor]) {
    let leaves = inputs.map { Variable(differentiable: $0) }
    let output = f(leaves)
    let pullback: (Tensor) -> [Tensor] = { seed in
        let cot = output.propagate(seed: seed, accumulateIntoParameters: false)
        return leaves.map { cot[ObjectIdentifier($0)] ?? Tensor.zeros($0.shape) }
    }
    return (output.value, pullback)
}

/// The value of a scalar function and its gradient with respect to each input.
public func valueWithGradient(
    at inputs: [Tensor], in f: ([Variable]) -> Variable
) -> (value: Double, gradients: [Tensor]) {
    let (v, pb) = valueWithPullback(at: inputs, in: f)
    precondition(v.scalarCount == 1, "valueWithGradient needs a scalar function, got shape \(v.shape)")
    return (v.scalars[0], pb(Tensor(shape: v.shape, scalars: [1])))
}

/// The vector–Jacobian product `seedᵀ ∂output/∂inputᵢ` for each of `inputs`, through the graph
/// below `output`, without touching any ``Parameter`` gradient. Call it as often as needed (e.g. inside
/// an iterative solve of `(I − Jᵀ)u = g` for implicit differentiation).
public func vectorJacobianProduct(of output: Variable, withRespectTo inputs: [Variable], seed: Tensor) -> [Tensor] {
    let cot = output.propagate(seed: seed, accumulateIntoParameters: false)
    return inputs.map { cot[ObjectIdentifier($0)] ?? Tensor.zeros($0.shape) }
}
