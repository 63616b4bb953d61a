import CCrypto
import Foundation
import Synchronization

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

    /// SHA-256 of a file's bytes, read in pieces of `buffer`'s size (a large data file is never held whole), or nil
    /// when it cannot be read. Without a buffer, one of 1 MiB is made for this file.
    static func hex(fileAt path: String, buffer: FileReadBuffer? = nil) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var h = SHA256()
        guard hash(fd, from: 0, count: .max, into: &h, buffer: buffer ?? FileReadBuffer()) else { return nil }
        return h.hexDigest()
    }

    /// Files from this size up are hashed in two halves at once (`contentDigest`).
    static let splitHashBytes = 64 << 20

    /// The digest that stands for a file's content in fingerprints and cache keys: its SHA-256 below
    /// `splitHashBytes`; from there up, the SHA-256 of a label, the size and the SHA-256s of its two halves, computed on
    /// two threads (SHA-256 itself is sequential, and a 400 MB data file took a third of a second to hash on one).
    /// Any change to the bytes changes either half's digest, so it changes this one. Nil when the file cannot be read.
    /// `buffer`: where to read the file (its pieces are that long); give one buffer to many calls on one thread, as
    /// the input fingerprint does, so that the kernel does not fault in fresh memory for every file.
    static func contentDigest(fileAt path: String, splitFrom: Int = splitHashBytes, buffer: FileReadBuffer? = nil)
        -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        guard size >= splitFrom else { return hex(fileAt: path, buffer: buffer) }
        let half = size / 2
        let halves = Mutex([String?](repeating: nil, count: 2))
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return }
            defer { close(fd) }
            var h = SHA256()
            guard hash(fd, from: k == 0 ? 0 : half, count: k == 0 ? half : size - half, into: &h,
                       buffer: FileReadBuffer()) else { return }
            let digest = h.hexDigest()
            halves.withLock { $0[k] = digest }
        }
        let (first, second) = halves.withLock { ($0[0], $0[1]) }
        guard let first, let second else { return nil }
        var h = SHA256()
        h.field("two halves/v1")
        h.field(String(size))
        h.field(first)
        h.field(second)
        return h.hexDigest()
    }

    /// Hashes `count` bytes (or up to the end) from `offset` of the open file `fd` into `h`, read into `buffer`;
    /// false on a read error.
    private static func hash(_ fd: Int32, from offset: Int, count: Int, into h: inout SHA256, buffer: FileReadBuffer)
        -> Bool {
        var position = offset, left = count
        while left > 0 {
            let got = pread(fd, buffer.bytes, min(buffer.count, left), off_t(position))
            if got < 0 {
                if errno == EINTR { continue }
                return false
            }
            if got == 0 { break }
            h.update(UnsafeRawBufferPointer(start: buffer.bytes, count: got))
            position += got
            left -= got
        }
        return true
    }
}

/// Memory to read files into while they are hashed, for one thread at a time.
///
/// Reused from file to file on purpose. A buffer of 1 MiB allocated and freed for each file is fresh memory every
/// time (the allocator hands such blocks back to the kernel), and the page faults of reading into it cost more than
/// hashing a chapter. Fingerprinting a course four times the built-in one (87 files, 2.2 MB) took 3.9 ms that
/// way and takes 2.8 ms with one buffer (medians of 31 alternating release runs).
final class FileReadBuffer {
    let bytes: UnsafeMutableRawPointer
    let count: Int

    init(count: Int = 1 << 20) {
        self.count = max(count, 1)
        bytes = UnsafeMutableRawPointer.allocate(byteCount: self.count, alignment: 64)
    }

    deinit { bytes.deallocate() }
}
