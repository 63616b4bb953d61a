/// Path arithmetic on path text, for the paths the build derives from its options (`--output s`, a cache folder).
///
/// `NSString.deletingLastPathComponent` of swift-corelibs-foundation traps (the process dies with SIGILL) on a
/// relative path of one character once trailing slashes are dropped: "s", "c/", ".", "./". A course built with
/// `--output s` crashed before it read a file. The build therefore takes a path's parent here.
enum PathText {
    /// The path without its last component, as `deletingLastPathComponent` defines it: trailing slashes are
    /// ignored, "" when no slash is left (a name in the current folder), "/" for a name at the root.
    ///
    ///     parent("a/b") == "a"    parent("a//b/") == "a"    parent("/a") == "/"    parent("s") == ""
    static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        var head = trimmed[..<slash]
        while head.hasSuffix("/") { head = head.dropLast() }
        return head.isEmpty ? "/" : String(head)
    }
}
