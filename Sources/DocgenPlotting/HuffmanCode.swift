// Length-limited canonical Huffman codes, as DEFLATE (RFC 1951, section 3.2.2) transmits them.

/// A canonical prefix code: a bit length per symbol (0 = unused) and the codes those lengths imply.
///
/// `codes` hold each code bit-reversed, ready for DEFLATE's least-significant-bit-first bit order.
struct HuffmanCode {
    let lengths: [UInt8]
    let codes: [UInt16]

    /// The optimal code for `frequencies` whose longest code has at most `limit` bits.
    ///
    /// Huffman's construction; when the tree is too deep, frequencies are halved (nonzero ones kept ≥ 1) and
    /// the tree rebuilt, which flattens it until it fits. Fewer than two used symbols are padded to two codes
    /// of one bit, because decoders reject incomplete codes. Ties break by symbol, so the result is deterministic.
    init(frequencies: [UInt32], limit: Int) {
        precondition((1...15).contains(limit) && frequencies.count >= 2, "DEFLATE codes have 2+ symbols of at most 15 bits")
        var weights = frequencies
        var used = weights.indices.filter { weights[$0] > 0 }
        if used.count < 2 {
            let padding = used.first == 0 ? 1 : 0
            if !used.contains(padding) { weights[padding] = 1 }
            if used.isEmpty { weights[1] = 1 }
            used = weights.indices.filter { weights[$0] > 0 }
        }
        var lengths = HuffmanCode.treeDepths(weights, used: used)
        while let longest = lengths.max(), Int(longest) > limit {
            for s in used { weights[s] = max(1, weights[s] >> 1) }
            lengths = HuffmanCode.treeDepths(weights, used: used)
        }
        self.init(lengths: lengths)
    }

    /// The canonical code for given lengths (RFC 1951: shorter codes first, then by symbol).
    init(lengths: [UInt8]) {
        self.lengths = lengths
        var countPerLength = [Int](repeating: 0, count: 16)
        for l in lengths where l > 0 { countPerLength[Int(l)] += 1 }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1..<16 {
            code = (code + countPerLength[bits - 1]) << 1
            next[bits] = code
        }
        var codes = [UInt16](repeating: 0, count: lengths.count)
        for (symbol, l) in lengths.enumerated() where l > 0 {
            let c = next[Int(l)]
            next[Int(l)] += 1
            codes[symbol] = UInt16(truncatingIfNeeded: HuffmanCode.reversed(c, bits: Int(l)))
        }
        self.codes = codes
    }

    static func reversed(_ value: Int, bits: Int) -> Int {
        var v = value, r = 0
        for _ in 0..<bits { r = r << 1 | v & 1; v >>= 1 }
        return r
    }

    /// Depth of every used symbol in a Huffman tree (two-queue construction over the sorted leaves).
    static func treeDepths(_ weights: [UInt32], used: [Int]) -> [UInt8] {
        let leaves = used.sorted { (weights[$0], $0) < (weights[$1], $1) }
        let leafCount = leaves.count
        // Nodes 0..<leafCount are leaves in sorted order; internal nodes follow in creation order, which is
        // also increasing weight, so two queues give the two lightest nodes without a heap.
        var weight = leaves.map { UInt64(weights[$0]) }
        weight.reserveCapacity(2 * leafCount)
        var parent = [Int](repeating: -1, count: 2 * leafCount - 1)
        var nextLeaf = 0, nextInternal = leafCount
        func takeLightest() -> Int {
            if nextLeaf < leafCount, nextInternal >= weight.count || weight[nextLeaf] <= weight[nextInternal] {
                nextLeaf += 1
                return nextLeaf - 1
            }
            nextInternal += 1
            return nextInternal - 1
        }
        for _ in 0..<(leafCount - 1) {
            let a = takeLightest(), b = takeLightest()
            parent[a] = weight.count; parent[b] = weight.count
            weight.append(weight[a] + weight[b])
        }
        var depth = [Int](repeating: 0, count: 2 * leafCount - 1)
        for node in stride(from: 2 * leafCount - 3, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
        var lengths = [UInt8](repeating: 0, count: weights.count)
        for (k, symbol) in leaves.enumerated() { lengths[symbol] = UInt8(min(depth[k], 255)) }
        return lengths
    }
}
