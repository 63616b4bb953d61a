import CCrypto
import Foundation

/// SHA-256 (FIPS 180-4), for cache keys and the input fingerprint: a key that collides would serve a stale figure,
/// so the cache uses a cryptographic hash rather than a fast checksum.
///
/// The compression runs in OpenSSL's libcrypto, which uses the CPU's SHA instructions where it has them: about
/// 1 GB/s here, 7× the Swift implementation it replaced (benchmarks/README.md), which mattered once data files grew
/// to hundreds of megabytes. The state is OpenSSL's plain `SHA256_CTX` struct, so a hasher is a value: copying one
/// copies its state.
struct SHA256 {
    private var context = SHA256_CTX()

    init() { SHA256_Init(&context) }

    mutating func update(_ bytes: some Sequence<UInt8>) {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        SHA256_Update(&context, base, buffer.count)
    }

    mutating func update(_ data: Data) { data.withUnsafeBytes { update($0) } }

    mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Adds a length-prefixed field, so ("ab","c") and ("a","bc") hash differently.
    mutating func field(_ string: String) {
        var string = string
        string.withUTF8 { bytes in
            withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { update($0) }
            update(UnsafeRawBufferPointer(bytes))
        }
    }

    mutating func field(_ data: Data) {
        withUnsafeBytes(of: UInt64(data.count).littleEndian) { update($0) }
        update(data)
    }

    /// The digest as 64 lowercase hex digits. The hasher is finished: hash nothing more with it.
    mutating func hexDigest() -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        SHA256_Final(&digest, &context)
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ data: Data) -> String {
        var h = SHA256()
        h.update(data)
        return h.hexDigest()
    }

    static func hex(_ string: String) -> String {
        var h = SHA256()
        h.update(string)
        return h.hexDigest()
    }

    /// SHA-256 of a file's bytes, read in 1 MiB pieces (a large data file is never held whole), or nil when it
    /// cannot be read.
    static func hex(fileAt path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let fd = handle.fileDescriptor
        var h = SHA256()
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer, size)
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            h.update(UnsafeRawBufferPointer(start: buffer, count: count))
        }
        return h.hexDigest()
    }
}
