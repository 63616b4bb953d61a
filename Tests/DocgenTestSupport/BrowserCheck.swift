import Foundation

/// Opens pages of a built site from `file://` in headless Chromium and reports what is broken.
///
/// Reusable for any docgen site: the site tests and the end-to-end tests share it through this
/// test-support target. For each page it writes an instrumented copy
/// (an error-capturing script first in `<head>`, a checking script last in `<body>`) into a temporary copy
/// of the site, loads it with `--dump-dom`, and reads back:
/// - console errors, uncaught exceptions and failed resource loads;
/// - every `<img>` loaded (`naturalWidth > 0`); figures with `img.fig-light`/`img.fig-dark` show exactly
///   the variant of the current theme;
/// - every `<math>` has a non-zero size and Latin Modern Math loaded;
/// - `/` focuses the search box, and each search lists its expected page;
/// - the theme toggle switches `data-theme` and the colours, and switches back;
/// - no network request: the page's resource timing has only `file:` URLs, and Chromium's net log
///   (with every host name mapped to nowhere) shows no request made on behalf of a `file://` page.
public struct BrowserCheck {
    public struct Search: Encodable {
        /// Text typed into the search box.
        public var query: String
        /// The page file name (relative to the site root, without `#…`) that must be among the results.
        public var expectedPage: String

        public init(query: String, expectedPage: String) {
            self.query = query
            self.expectedPage = expectedPage
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let chromium: URL

    public init(chromium: URL) { self.chromium = chromium }

    /// `DOCGEN_CHROMIUM` if set, else the first of `chromium`, `chromium-browser`, `google-chrome` on `PATH`.
    public static func findChromium() -> URL? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["DOCGEN_CHROMIUM"], FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return URL(fileURLWithPath: "\(folder)/\(name)")
            }
        }
        return nil
    }

    /// Flags that keep Chromium quiet and offline: no background services, every host name unresolvable.
    static let quietFlags = [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--disable-default-apps", "--disable-domain-reliability", "--mute-audio", "--hide-scrollbars",
        "--disable-features=Translate,OptimizationHints,MediaRouter,SpellCheck",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
    ]

    /// Checks each page (file names relative to `siteFolder`) and returns one line per problem; empty means all good.
    public func run(siteFolder: URL, pages: [String], searches: [Search] = []) throws -> [String] {
        let work = FileManager.default.temporaryDirectory
            .appendingPathComponent("docgen-browser-check-\(UUID().uuidString)")
        let copy = work.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.copyItem(at: siteFolder, to: copy)

        var failures: [String] = []
        for page in pages {
            let original = try String(contentsOf: copy.appendingPathComponent(page), encoding: .utf8)
            let instrumentedName = "__docgen_selftest__" + page.replacingOccurrences(of: "/", with: "__")
            let instrumented = copy.appendingPathComponent(
                (page as NSString).deletingLastPathComponent).appendingPathComponent(instrumentedName)
            try instrument(original, page: page, searches: searches)
                .write(to: instrumented, atomically: true, encoding: .utf8)
            let netLog = work.appendingPathComponent("\(instrumentedName).netlog.json")
            let result = try runChromium(["--log-net-log=\(netLog.path)", "--virtual-time-budget=15000",
                                          "--dump-dom", instrumented.absoluteString])
            failures += parseSelfTest(result.stdout, page: page)
            failures += consoleErrors(result.stderr, page: page)
            failures += networkRequests(netLog, page: page)
        }
        return failures
    }

    /// Loads `page` of the site (a copy, with `script` appended) at `width`×`height` CSS pixels and returns
    /// what `script` returns. `script` is the body of an async function run after the load event; it must
    /// return a string. Lets a test ask the browser for computed styles, sizes and so on.
    public func evaluate(siteFolder: URL, page: String, script: String, width: Int = 1280, height: Int = 900) throws -> String {
        let work = FileManager.default.temporaryDirectory
            .appendingPathComponent("docgen-browser-evaluate-\(UUID().uuidString)")
        let copy = work.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.copyItem(at: siteFolder, to: copy)
        let original = try String(contentsOf: copy.appendingPathComponent(page), encoding: .utf8)
        guard let bodyEnd = original.range(of: "</body>", options: [.caseInsensitive, .backwards]) else {
            throw Failure(description: "\(page): no </body>")
        }
        var html = original
        html.replaceSubrange(bodyEnd, with: """
            <script>
            window.addEventListener("load", function () {
              (async function () { \(script)\n })()
                .catch(function (error) { return "script error: " + error; })
                .then(function (value) {
                  var out = document.createElement("pre");
                  out.textContent = "DOCGEN-EVALUATE-" + "BEGIN" + JSON.stringify(String(value)) + "DOCGEN-EVALUATE-" + "END";
                  document.body.appendChild(out);
                });
            });
            </script>
            </body>
            """)
        let instrumented = copy.appendingPathComponent(
            (page as NSString).deletingLastPathComponent).appendingPathComponent("__docgen_evaluate__.html")
        try html.write(to: instrumented, atomically: true, encoding: .utf8)
        let dom = try runChromium(["--window-size=\(width),\(height)", "--virtual-time-budget=10000",
                                   "--dump-dom", instrumented.absoluteString]).stdout
        guard let begin = dom.range(of: "DOCGEN-EVALUATE-BEGIN"),
              let end = dom.range(of: "DOCGEN-EVALUATE-END", range: begin.upperBound..<dom.endIndex) else {
            throw Failure(description: "\(page): the evaluated script did not finish")
        }
        let json = String(dom[begin.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String else {
            throw Failure(description: "\(page): unreadable result \(json.prefix(300))")
        }
        return value
    }

    /// The DOM of `url` (any URL, also `http://127.0.0.1:…` of a local server) after its scripts ran for
    /// `milliseconds` of virtual time, as Chromium's `--dump-dom` prints it. Every host but 127.0.0.1
    /// stays unreachable.
    public func dumpDOM(of url: URL, milliseconds: Int = 5000) throws -> String {
        try runChromium(["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                         "--virtual-time-budget=\(milliseconds)", "--dump-dom", url.absoluteString]).stdout
    }

    /// Saves a PNG screenshot of a page (CSS pixel size `width`×`height`); `dark` asks for the dark colour scheme.
    public func screenshot(of page: URL, to png: URL, width: Int, height: Int, dark: Bool = false) throws {
        var flags = ["--screenshot=\(png.path)", "--window-size=\(width),\(height)", "--virtual-time-budget=5000"]
        if dark { flags.append("--force-dark-mode") }
        let result = try runChromium(flags + [page.absoluteString])
        guard FileManager.default.fileExists(atPath: png.path) else {
            throw Failure(description: "no screenshot written; chromium said: \(result.stderr.suffix(2000))")
        }
    }

    private func instrument(_ html: String, page: String, searches: [Search]) throws -> String {
        struct Config: Encodable { var page: String; var searches: [Search] }
        let config = String(decoding: try JSONEncoder().encode(Config(page: page, searches: searches)), as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c")
        var out = html
        guard let head = out.range(of: "<head>", options: .caseInsensitive),
              let bodyEnd = out.range(of: "</body>", options: [.caseInsensitive, .backwards]) else {
            throw Failure(description: "\(page): no <head> or </body> to instrument")
        }
        out.replaceSubrange(bodyEnd, with: "<script>window.__DOCGEN_SELFTEST_CONFIG = \(config);</script>\n"
                            + BrowserSelfTestScripts.checks + "\n</body>")
        out.replaceSubrange(head, with: "<head>\n" + BrowserSelfTestScripts.capture)
        return out
    }

    private func parseSelfTest(_ dom: String, page: String) -> [String] {
        guard let begin = dom.range(of: "DOCGEN-SELFTEST-BEGIN"),
              let end = dom.range(of: "DOCGEN-SELFTEST-END", range: begin.upperBound..<dom.endIndex) else {
            return ["\(page): the self-test did not finish (page script error or time-out)"]
        }
        let json = String(dom[begin.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&nbsp;", with: "\u{00A0}")
            .replacingOccurrences(of: "&amp;", with: "&")
        guard let list = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String] else {
            return ["\(page): unreadable self-test result: \(json.prefix(500))"]
        }
        return list
    }

    /// Uncaught errors Chromium logs from page scripts (also those before the capture script ran).
    private func consoleErrors(_ stderr: String, page: String) -> [String] {
        stderr.split(separator: "\n")
            .filter { $0.contains(":CONSOLE") && ($0.contains("Uncaught") || $0.contains("ERROR:CONSOLE")) }
            .map { "\(page): console: \($0.drop { $0 != "\"" })" }
    }

    /// Requests in the net log made on behalf of a `file://` page (Chromium's own background requests,
    /// which carry no page origin, are ignored).
    private func networkRequests(_ netLog: URL, page: String) -> [String] {
        guard var text = try? String(contentsOf: netLog, encoding: .utf8) else {
            return ["\(page): Chromium wrote no net log"]
        }
        var parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        if parsed == nil {  // a log cut short when Chromium exits lacks its closing brackets
            text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.hasSuffix(",") { text.removeLast() }
            parsed = try? JSONSerialization.jsonObject(with: Data((text + "]}").utf8)) as? [String: Any]
        }
        guard let log = parsed, let events = log["events"] as? [[String: Any]] else {
            return ["\(page): unreadable net log"]
        }
        var found: Set<String> = []
        for event in events {
            guard let params = event["params"] as? [String: Any], let url = params["url"] as? String,
                  !url.hasPrefix("file:"), !url.hasPrefix("data:") else { continue }
            let key = params["network_isolation_key"] as? String ?? ""
            let initiator = params["initiator"] as? String ?? ""
            if key.contains("file://") || initiator == "null" || initiator.hasPrefix("file:") {
                found.insert(url)
            }
        }
        return found.sorted().map { "\(page): network request attempted: \($0)" }
    }

    private func runChromium(_ arguments: [String]) throws -> (stdout: String, stderr: String) {
        let profile = FileManager.default.temporaryDirectory
            .appendingPathComponent("docgen-chromium-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = chromium
        process.arguments = Self.quietFlags + ["--user-data-dir=\(profile.path)"] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes while Chromium runs so neither fills up; give up after two minutes.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = errors.fileHandleForReading.readDataToEndOfFile() }
        if group.wait(timeout: .now() + 120) == .timedOut {
            process.terminate()
            throw Failure(description: "chromium did not finish within 120 s: \(arguments.last ?? "")")
        }
        process.waitUntilExit()
        return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
