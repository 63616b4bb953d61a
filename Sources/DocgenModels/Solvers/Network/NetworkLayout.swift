/// The shape of a fully connected network and where each of its numbers lives in one flat parameter vector θ.
///
/// Layers l = 1 … L + 1 map d_{l−1} units to d_l units: d_0 is the number of inputs, d_1 … d_L the hidden widths,
/// d_{L+1} = 1 the output. Layer l has a weight matrix W_l (d_{l−1} × d_l) and a bias vector b_l (d_l).
///
/// θ holds every weight first — W_1, W_2, …, W_{L+1}, each row-major (all the weights leaving unit 1 of the layer
/// below, then unit 2, …) — then every bias: b_1, …, b_L, and last the output bias b_{L+1}. The weights are the
/// penalized part; the biases are never penalized. With no hidden layer θ = (w_1 … w_p, b): a linear model.
struct NetworkLayout: Sendable, Equatable {
    /// d_0 … d_{L+1}.
    let widths: [Int]

    init(inputs: Int, hidden: [Int]) {
        widths = [inputs] + hidden + [1]
    }

    /// L + 1, the number of weight matrices.
    var layerCount: Int { widths.count - 1 }
    var inputCount: Int { widths[0] }
    var hiddenWidths: [Int] { Array(widths.dropFirst().dropLast()) }

    /// Offset of W_l (l = 1 … L + 1) in θ.
    func weightOffset(_ l: Int) -> Int {
        var offset = 0
        for k in 1..<l { offset += widths[k - 1] * widths[k] }
        return offset
    }

    /// Number of weights (the penalized parameters).
    var weightCount: Int { weightOffset(layerCount + 1) }

    /// Offset of b_l (l = 1 … L + 1) in θ.
    func biasOffset(_ l: Int) -> Int {
        var offset = weightCount
        for k in 1..<l { offset += widths[k] }
        return offset
    }

    /// Number of biases of the hidden layers (every bias but the output's).
    var hiddenBiasCount: Int { hiddenWidths.reduce(0, +) }
    /// Number of parameters: weights, hidden biases, and the output bias.
    var parameterCount: Int { weightCount + hiddenBiasCount + 1 }
    /// Offset of the output bias (the intercept), the last parameter.
    var outputBiasOffset: Int { parameterCount - 1 }
    /// The widest layer, inputs and output included.
    var maximumWidth: Int { widths.max() ?? 1 }

    /// Names of the weights in θ's order. With no hidden layer they are the input names (one coefficient per
    /// feature); otherwise `w<l>_<from>_<to>`: layer l's weight from input `<from>` (its name, for l = 1) or
    /// hidden unit `<from>` of layer l − 1 (1-based), to hidden unit `<to>` of layer l (1-based) or `out`.
    func weightNames(inputs: [String]) -> [String] {
        if layerCount == 1 { return inputs }
        var names: [String] = []
        for l in 1...layerCount {
            for i in 0..<widths[l - 1] {
                let from = l == 1 ? inputs[i] : String(i + 1)
                for j in 0..<widths[l] {
                    names.append("w\(l)_\(from)_\(l == layerCount ? "out" : String(j + 1))")
                }
            }
        }
        return names
    }

    /// Names of the hidden biases in θ's order: `b<l>_<unit>` (both 1-based).
    var hiddenBiasNames: [String] {
        var names: [String] = []
        for (k, width) in hiddenWidths.enumerated() { for j in 0..<width { names.append("b\(k + 1)_\(j + 1)") } }
        return names
    }

    /// The seeded starting point of a network with hidden layers: Glorot (Xavier) uniform weights, W_l drawn
    /// entry by entry in θ's order from U(−s_l, s_l) with s_l = √(6 / (d_{l−1} + d_l)) by docgen's
    /// `SeededGenerator(seed:)` (xoshiro256**); hidden biases 0; the output bias `outputBias`.
    func glorotUniform(seed: UInt64, outputBias: Double) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        var theta = [Double](repeating: 0, count: parameterCount)
        for l in 1...layerCount {
            let bound = (6.0 / Double(widths[l - 1] + widths[l])).squareRoot()
            let start = weightOffset(l)
            for k in 0..<(widths[l - 1] * widths[l]) { theta[start + k] = bound * (2 * rng.uniform() - 1) }
        }
        theta[outputBiasOffset] = outputBias
        return theta
    }
}
