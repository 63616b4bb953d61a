import Foundation

/// The GNU build ID of an ELF executable: a hash of the linked file that the linker writes
/// into a note (`--build-id`, SHA-1 by default). Reading it costs one small read instead of
/// hashing the whole 15 MB executable, which matters for the first build after `docgen clean`.
enum ELFBuildID {
    /// The build ID as lowercase hex; nil for anything but a little-endian 64-bit ELF file with
    /// a GNU build-ID note in its first 64 KiB (the caller then hashes the whole file).
    static func read(path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 65536) else { return nil }
        return parse([UInt8](data))
    }

    static func parse(_ b: [UInt8]) -> String? {
        // e_ident: magic, ELFCLASS64 (2), ELFDATA2LSB (1).
        guard b.count >= 64, b[0] == 0x7f, b[1] == 0x45, b[2] == 0x4c, b[3] == 0x46, b[4] == 2, b[5] == 1 else { return nil }
        func u16(_ o: Int) -> Int? { o >= 0 && o + 2 <= b.count ? Int(b[o]) | Int(b[o + 1]) << 8 : nil }
        func u32(_ o: Int) -> Int? {
            guard o >= 0, o + 4 <= b.count else { return nil }
            return (0..<4).reduce(0) { $0 | Int(b[o + $1]) << (8 * $1) }
        }
        func u64(_ o: Int) -> Int? {
            guard o >= 0, o + 8 <= b.count else { return nil }
            let v = (0..<8).reduce(UInt64(0)) { $0 | UInt64(b[o + $1]) << (8 * UInt64($1)) }
            return v <= UInt64(Int.max) ? Int(v) : nil
        }
        guard let phoff = u64(0x20), let phentsize = u16(0x36), let phnum = u16(0x38), phentsize >= 56 else { return nil }
        for i in 0..<phnum {
            let ph = phoff + i * phentsize
            guard let type = u32(ph), let offset = u64(ph + 8), let size = u64(ph + 0x20) else { return nil }
            guard type == 4 /* PT_NOTE */ else { continue }
            var note = offset
            let end = offset + size
            while note + 12 <= end, let namesz = u32(note), let descsz = u32(note + 4), let noteType = u32(note + 8) {
                let name = note + 12
                let desc = name + (namesz + 3) / 4 * 4
                guard desc + descsz <= b.count else { return nil }
                if noteType == 3 /* NT_GNU_BUILD_ID */, namesz == 4, Array(b[name..<name + 4]) == [0x47, 0x4e, 0x55, 0],
                   descsz >= 8 {
                    return b[desc..<desc + descsz].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
                }
                note = desc + (descsz + 3) / 4 * 4
            }
        }
        return nil
    }
}
