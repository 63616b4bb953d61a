import Foundation

/// The answers of the development server, as values: which file a URL path names, with which type, and
/// the few lines of script every HTML page gets. No sockets here, so all of it is tested directly.
///
/// Only files under `root` are served: a path that, after percent-decoding and resolving `.`/`..` and
/// symbolic links, lands outside it is refused with 403.
public struct SiteFiles: Sendable {
    /// The site folder.
    public let root: String
    /// What the status endpoint reports (the build's version and its errors).
    public let status: BuildStatus

    public init(root: String, status: BuildStatus) {
        self.root = root
        self.status = status
    }

    /// One answer: status code, `Content-Type` and body (empty for HEAD, with `contentLength` kept).
    public struct Response: Sendable, Equatable {
        public var status: Int
        public var contentType: String
        public var body: Data
        /// The body's length as a GET would send it (HEAD sends the same header, no body).
        public var contentLength: Int

        init(_ status: Int, _ contentType: String, _ body: Data, head: Bool = false) {
            self.status = status
            self.contentType = contentType
            self.body = head ? Data() : body
            contentLength = body.count
        }

        public var reason: String {
            [200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
             408: "Request Timeout", 431: "Request Header Fields Too Large", 503: "Service Unavailable"][status] ?? "Status"
        }

        static func text(_ status: Int, _ message: String) -> Response {
            Response(status, "text/plain; charset=utf-8", Data((message + "\n").utf8))
        }
    }

    /// The answer to `method` on `target` (the request target: a path with an optional query).
    public func respond(method: String, target: String) -> Response {
        guard method == "GET" || method == "HEAD" else { return .text(405, "only GET and HEAD") }
        let head = method == "HEAD"
        var path = target
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<q]) }
        if path == ReloadScript.statusPath {
            return Response(200, "application/json", status.json(), head: head)
        }
        switch resolve(path) {
        case .forbidden:
            return .text(403, "outside the site")
        case .notFound:
            return notFound(path, head: head)
        case let .file(file):
            guard var data = FileManager.default.contents(atPath: file) else { return notFound(path, head: head) }
            let type = Self.contentType(file)
            if type.hasPrefix("text/html") { data = ReloadScript.inject(into: data) }
            return Response(200, type, data, head: head)
        }
    }

    /// A page-like path that is missing gets a small HTML page with the reload script, so a browser
    /// left open on it shows the build's errors and reloads once a build succeeds; anything else a
    /// plain 404.
    private func notFound(_ path: String, head: Bool) -> Response {
        let isPage = path.hasSuffix("/") || path.hasSuffix(".html") || !(path.split(separator: "/").last ?? "").contains(".")
        guard isPage else { return Response(404, "text/plain; charset=utf-8", Data("not found\n".utf8), head: head) }
        let page = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not built yet</title></head>
            <body><p>Nothing is built at this address yet. This page reloads when a build succeeds.</p></body></html>
            """
        return Response(404, "text/html; charset=utf-8", ReloadScript.inject(into: Data(page.utf8)), head: head)
    }

    public enum Resolution: Equatable, Sendable { case file(String), notFound, forbidden }

    /// Maps a URL path to a file under `root`, refusing anything that escapes it.
    public func resolve(_ urlPath: String) -> Resolution {
        guard let decoded = urlPath.removingPercentEncoding, !decoded.contains("\0") else { return .forbidden }
        var components: [String] = []
        for part in decoded.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { return .forbidden }
            components.append(String(part))
        }
        let realRoot = Self.canonical(root)
        var path = ([realRoot] + components).joined(separator: "/")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            path += "/index.html"
        }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return .notFound
        }
        let real = Self.canonical(path)
        guard real.hasPrefix(realRoot + "/") else { return .forbidden }
        return .file(real)
    }

    /// The path with every symbolic link resolved (the path itself, standardized, when it cannot be).
    static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return (path as NSString).standardizingPath }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "png": return "image/png"
        case "csv": return "text/csv; charset=utf-8"
        case "otf": return "font/otf"
        case "svg": return "image/svg+xml"
        case "txt": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
