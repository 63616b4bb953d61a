import Foundation

/// A fast 128-bit digest of figure bytes, for the change report's "which figures changed" only.
///
/// Cache keys use SHA-256, because a key collision would serve a stale figure. The report only compares a
/// figure with its previous version, where a 128-bit multiply–rotate hash makes a missed change
/// astronomically unlikely and costs a few percent of SHA-256's time (hashing every PNG of the course with
/// SHA-256 took ~2 % of a cold build). Two 64-bit lanes each take every other 8-byte word; the tail and the
/// length are folded in, then the lanes are crossed and avalanched with the SplitMix64 finalizer.
enum ImageDigest {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    /// One word into a lane: multiply, add, rotate the high bits down, multiply again (the round of xxHash64),
    /// so every input bit reaches every bit of the lane within two rounds.
    @inline(__always)
    private static func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        (lane &+ word &* p2).rotated(by: 31) &* p1
    }

    /// 32 lowercase hex digits.
    static func hex(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { hex($0) } }

    static func hex(_ data: Data) -> String { data.withUnsafeBytes { hex($0) } }

    static func hex(_ raw: UnsafeRawBufferPointer) -> String {
        var a: UInt64 = 0x243F_6A88_85A3_08D3, b: UInt64 = 0x1319_8A2E_0370_7344
        do {
            let count = raw.count
            var i = 0
            while i + 16 <= count {
                let w0 = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let w1 = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                a = round(a, w0)
                b = round(b, w1)
                i += 16
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < count {
                tail |= UInt64(raw[i]) << shift
                shift += 8
                if shift == 64 { a = round(a, tail); tail = 0; shift = 0 }
                i += 1
            }
            b = round(round(b, tail), UInt64(count))
        }
        let high = finalize(a ^ b.rotated(by: 17)), low = finalize(b ^ a.rotated(by: 41))
        return hex64(high) + hex64(low)
    }

    private static func finalize(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func hex64(_ x: UInt64) -> String {
        let digits = String(x, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

private extension UInt64 {
    func rotated(by k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}
