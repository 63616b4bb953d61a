import Foundation

/// One file of the site to publish: bytes in memory, or a file on disk to copy.
///
/// `provenance` names the bytes exactly (for a cached figure: its cache key and variant):
/// two files with the same provenance have the same bytes. The publisher records it, and
/// when the previous output file still carries the recorded provenance and has not been
/// touched since (same size, modification time and inode), it keeps that file without
/// reading either copy.
public struct SiteFile: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case data(Data)
        /// An absolute path; the file is copied into the site (never linked: editing the
        /// published copy must not change the cache).
        case file(String)
    }

    public var source: Source
    /// Nil when nothing is known about the bytes beyond themselves.
    public var provenance: String?
    /// A file on the same disk that holds exactly these bytes (a figure's PNG in the cache), which the publisher
    /// hard-links instead of writing the bytes a second time. Editing the published file in place then edits the
    /// cache's copy too; the cache checks every figure file against the checksum in its sealed metadata when it
    /// reads it, so such a copy is found damaged, discarded and drawn again, never published.
    public var linkSource: String? = nil

    public static func data(_ data: Data, provenance: String? = nil, linkSource: String? = nil) -> SiteFile {
        SiteFile(source: .data(data), provenance: provenance, linkSource: linkSource)
    }

    public static func file(_ path: String, provenance: String) -> SiteFile {
        SiteFile(source: .file(path), provenance: provenance)
    }

    /// The bytes, read from disk for a file source.
    func bytes() throws -> Data {
        switch source {
        case let .data(data): return data
        case let .file(path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SitePublisher.PublishError(description: "cannot read \(path) to publish it")
            }
            return data
        }
    }
}
