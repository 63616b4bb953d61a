import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server for the built site, listening on 127.0.0.1 only.
///
/// It serves files under one folder and nothing else: a request whose path, after
/// percent-decoding and resolving `.`/`..` and symbolic links, lands outside the folder is
/// refused with 403. HTML pages get a few lines of script that reload the page when
/// `version` changes (after a rebuild). Only GET and HEAD are answered.
final class StaticFileServer: @unchecked Sendable {
    let root: String
    let port: Int
    private var socketDescriptor: Int32 = -1
    private let lock = NSLock()
    private var currentVersion = 0

    /// The path pages poll to learn whether they should reload.
    static let versionPath = "/__docgen/version"

    init(root: String, port: Int) {
        self.root = root
        self.port = port
    }

    var version: Int {
        get { lock.withLock { currentVersion } }
        set { lock.withLock { currentVersion = newValue } }
    }

    struct ServerError: Error, CustomStringConvertible { var description: String }

    /// Binds 127.0.0.1:port; throws when the port is taken.
    func start() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError(description: "cannot create a socket") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw ServerError(description: "cannot listen on 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
        socketDescriptor = fd
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    private func acceptLoop() {
        while true {
            let client = accept(socketDescriptor, nil, nil)
            if client < 0 { continue }
            DispatchQueue.global().async { [self] in
                handle(client)
                close(client)
            }
        }
    }

    private func handle(_ client: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 16_384 {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { break }
            request.append(contentsOf: buffer[0..<n])
            if request.count >= 4, request.suffix(4) == [13, 10, 13, 10] { break }
        }
        let response = respond(to: String(decoding: request, as: UTF8.self))
        response.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(client, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { break }
                sent += n
            }
        }
    }

    /// The full HTTP response for one request's text.
    func respond(to request: String) -> Data {
        let firstLine = request.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
        let parts = firstLine.split(separator: " ")
        guard parts.count >= 2 else { return Self.response(400, "text/plain", Data("bad request\n".utf8)) }
        let method = String(parts[0])
        guard method == "GET" || method == "HEAD" else {
            return Self.response(405, "text/plain", Data("only GET and HEAD\n".utf8))
        }
        var target = String(parts[1])
        if let q = target.firstIndex(where: { $0 == "?" || $0 == "#" }) { target = String(target[..<q]) }
        if target == Self.versionPath {
            return Self.response(200, "text/plain", Data(String(version).utf8), head: method == "HEAD")
        }
        switch resolve(target) {
        case .forbidden:
            return Self.response(403, "text/plain", Data("outside the site\n".utf8))
        case .notFound:
            return Self.response(404, "text/plain", Data("not found\n".utf8))
        case let .file(path):
            guard var data = FileManager.default.contents(atPath: path) else {
                return Self.response(404, "text/plain", Data("not found\n".utf8))
            }
            let type = Self.contentType(path)
            if type.hasPrefix("text/html") { data = injectReload(into: data) }
            return Self.response(200, type, data, head: method == "HEAD")
        }
    }

    enum Resolution: Equatable { case file(String), notFound, forbidden }

    /// Maps a URL path to a file under `root`, refusing anything that escapes it.
    func resolve(_ urlPath: String) -> Resolution {
        guard let decoded = urlPath.removingPercentEncoding, !decoded.contains("\0") else { return .forbidden }
        var components: [String] = []
        for part in decoded.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { return .forbidden }
            components.append(String(part))
        }
        let realRoot = ContentRoot.canonical(root)
        var path = ([realRoot] + components).joined(separator: "/")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            path += "/index.html"
        }
        guard FileManager.default.fileExists(atPath: path) else { return .notFound }
        let real = ContentRoot.canonical(path)
        guard real.hasPrefix(realRoot + "/") else { return .forbidden }
        return .file(real)
    }

    private func injectReload(into html: Data) -> Data {
        let script = """
            <script>(function(){var v=null;function poll(){fetch('\(Self.versionPath)',{cache:'no-store'})\
            .then(function(r){return r.text()}).then(function(t){if(v===null){v=t}else if(t!==v){location.reload()}})\
            .catch(function(){}).finally(function(){setTimeout(poll,700)})}poll()})();</script>
            """
        var text = String(decoding: html, as: UTF8.self)
        if let end = text.range(of: "</body>", options: .backwards) {
            text.insert(contentsOf: script, at: end.lowerBound)
        } else {
            text += script
        }
        return Data(text.utf8)
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "png": return "image/png"
        case "csv": return "text/csv; charset=utf-8"
        case "otf": return "font/otf"
        case "svg": return "image/svg+xml"
        case "txt": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    static func response(_ status: Int, _ type: String, _ body: Data, head: Bool = false) -> Data {
        let reason = [200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed"][status] ?? ""
        var out = Data("HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n".utf8)
        if !head { out.append(body) }
        return out
    }
}
