import Foundation

/// The paper a PDF of the course is printed on.
public enum PaperSize: String, Sendable, CaseIterable {
    case a4
    case letter

    /// The CSS `@page` size keyword.
    var cssSize: String { self == .a4 ? "A4" : "letter" }
}

/// Prints the printable edition of a built site to PDF with headless Chromium.
///
/// The site's files are laid out in a scratch folder (files already on disk, such as cached
/// figures, are hard-linked, else copied), the page is loaded from `file://` with every host name
/// unresolvable, so nothing is fetched, and Chromium's `--print-to-pdf` writes the PDF. The paper
/// size is set by an `@page` rule added to the scratch copy only; the page numbers come from the
/// theme's print style sheet (CSS margin boxes), so Chromium's own header and footer are off.
struct PDFPrinter {
    /// The Chromium (or Chrome) executable.
    let chromium: String
    /// How long Chromium may take before the print is abandoned.
    var timeout: TimeInterval = 300

    struct PrintError: Error, CustomStringConvertible {
        var description: String
    }

    /// `DOCGEN_CHROMIUM` when it names an executable, else the first of `chromium`,
    /// `chromium-browser`, `google-chrome-stable` and `google-chrome` on `PATH`; nil when none is found.
    static func findChromium(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let manager = FileManager.default
        if let path = environment["DOCGEN_CHROMIUM"], !path.isEmpty {
            return manager.isExecutableFile(atPath: path) ? path : nil
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"] {
            for folder in folders where manager.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    /// What the build says when `--pdf` is asked for and no Chromium is found.
    static func missingChromiumMessage(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["DOCGEN_CHROMIUM"], !path.isEmpty {
            return "--pdf prints the course with headless Chromium, and DOCGEN_CHROMIUM names '\(path)', "
                + "which is not an executable file"
        }
        return "--pdf prints the course with headless Chromium, and none was found "
            + "(looked for chromium, chromium-browser, google-chrome-stable and google-chrome on PATH); "
            + "install it (on Debian: apt-get install chromium) or set DOCGEN_CHROMIUM to its path"
    }

    /// The PDF of `page` (a path relative to the site root) of the site made of `files`.
    func print(page: String, of files: [String: SiteFile], paper: PaperSize) throws -> Data {
        let manager = FileManager.default
        let scratch = manager.temporaryDirectory.appendingPathComponent("docgen-pdf-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: scratch) }
        let site = scratch.appendingPathComponent("site")
        for (path, file) in files where !path.hasSuffix(".csv") && !path.hasSuffix("-dark.png") && !path.hasSuffix("-narrow.png") {
            let target = site.appendingPathComponent(path)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            switch file.source {
            case let .data(data):
                try data.write(to: target)
            case let .file(source):
                if link(source, target.path) != 0 { try manager.copyItem(atPath: source, toPath: target.path) }
            }
        }
        guard case let .data(html)? = files[page]?.source else {
            throw PrintError(description: "the site has no \(page) to print")
        }
        let printed = site.appendingPathComponent("__docgen-pdf__.html")
        let paperRule = "<style>@page { size: \(paper.cssSize); }</style>\n</head>"
        let text = String(decoding: html, as: UTF8.self)
        guard let head = text.range(of: "</head>") else {
            throw PrintError(description: "\(page) has no </head>")
        }
        try Data(text.replacingCharacters(in: head, with: paperRule).utf8).write(to: printed)

        let pdf = scratch.appendingPathComponent("course.pdf")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        var arguments = [
            "--headless=new", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
            "--no-pdf-header-footer", "--virtual-time-budget=30000",
            "--print-to-pdf=\(pdf.path)", printed.absoluteString,
        ]
        // Chromium refuses to start its sandbox as root (CI, containers); there it runs without.
        if getuid() == 0 { arguments.insert("--no-sandbox", at: 1) }
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw PrintError(description: "cannot start \(chromium): \(error.localizedDescription)")
        }
        nonisolated(unsafe) var stderr = Data()
        let reader = DispatchGroup()
        DispatchQueue.global().async(group: reader) { stderr = errors.fileHandleForReading.readDataToEndOfFile() }
        if reader.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw PrintError(description: "\(chromium) did not finish printing \(page) within \(Int(timeout)) s")
        }
        process.waitUntilExit()
        guard let data = manager.contents(atPath: pdf.path), data.starts(with: Data("%PDF".utf8)) else {
            let said = String(decoding: stderr, as: UTF8.self).split(separator: "\n").suffix(5).joined(separator: "\n")
            throw PrintError(description: "\(chromium) wrote no PDF of \(page) (exit status \(process.terminationStatus))"
                             + (said.isEmpty ? "" : ": \(said)"))
        }
        return data
    }
}
