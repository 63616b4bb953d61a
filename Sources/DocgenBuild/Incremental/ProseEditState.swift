import DocgenDiagnostics
import DocgenFigures
import DocgenMarkup
import DocgenSite
import Foundation

/// What a build keeps, beside the site it published, so that the next build can redo an edit to chapters' prose
/// without the rest of the course (`ProseEditBuild`): what each chapter offers the others (labels, anchors, the site
/// files they may link to, the parts of its page other pages and files show), where its experiments are cached, and
/// the digest of every input besides the chapters.
///
/// Written only after a whole build that published its site with no diagnostic at all (and after each prose edit that
/// publishes), and removed before any other build publishes, so it always describes the site in the output folder, or
/// nothing. Kept in the cache folder as two sealed binary records (see `siteFileName`).
struct ProseEditState: Equatable {
    /// What a prose edit changes, rewritten by each (`siteFileName`).
    var site: Site
    /// What a prose edit leaves as it is, written by whole builds only (`indexFileName`).
    var index: Index

    /// The site record: enough for a prose edit to tell which chapters changed and to read them while the larger
    /// index record is decoded on another thread.
    struct Site: Equatable, Sendable {
        /// The output folder (absolute and standardized, so a relative and an absolute `--output` name one site) and
        /// the input fingerprint (as its marker records it) of the site this state describes.
        var outputPath: String
        var fingerprint: String
        /// The input fingerprint of the whole build that wrote the index record (`Index.token`).
        var indexToken: String
        /// `docgen.yml`'s settings as the build read them: title, author (nil: none), language, α axis and penalty
        /// symbol (the chapter list is `chapters`). `docgen.yml` is one of the inputs `restDigest` covers.
        var course: Course
        /// The digest of everything the build read but the chapters: identity, options and every other file's digest.
        var restDigest: String
        var chapters: [Chapter]
        /// Every page's parts, in reading order (`SiteRenderer.render`).
        var parts: [PageParts]
        var mathFontPath: String?
    }

    /// The index record: what each chapter offers the others and where the experiments are cached. A prose edit
    /// needs all of the labels but only a few of the other entries, so those stay in the record's bytes
    /// (`RecordTable`), each decoded when it is looked up.
    struct Index: Equatable, Sendable {
        /// The input fingerprint of the whole build that wrote it.
        var token: String
        /// Every cross-reference label of the course.
        var labels: [String: LabelTarget]
        /// Every page's anchors (`PageStage.anchors(of:)`, sorted), by page file name.
        let anchors: RecordTable<[String]>
        /// Every file of the site besides its pages.
        let siteFiles: RecordTable<Void>
        /// Each experiment's cache key and directive, by id.
        let experiments: RecordTable<Experiment>
        /// Every figure as pages show it, by file stem.
        let figures: RecordTable<Figure>

        /// Records compare by their bytes, which list every table in key order.
        static func == (a: Self, b: Self) -> Bool { a.encoded() == b.encoded() }
    }

    struct Course: Equatable {
        var title: String
        var author: String?
        var language: String
        var alphaAxis: String
        var penaltySymbol: String

        init(title: String, author: String?, language: String, alphaAxis: String, penaltySymbol: String) {
            (self.title, self.author, self.language, self.alphaAxis, self.penaltySymbol) =
                (title, author, language, alphaAxis, penaltySymbol)
        }

        init(_ configuration: CourseConfiguration) {
            self.init(title: configuration.title, author: configuration.author, language: configuration.language,
                      alphaAxis: configuration.figureConventions.alphaAxis.rawValue,
                      penaltySymbol: configuration.figureConventions.penaltySymbol.rawValue)
        }

        /// The configuration of the course whose chapters are `chapters`; nil for settings no configuration has.
        func configuration(chapters: [String]) -> CourseConfiguration? {
            guard let axis = FigureConventions.AlphaAxis(rawValue: alphaAxis),
                  let symbol = FigureConventions.PenaltySymbol(rawValue: penaltySymbol) else { return nil }
            var c = CourseConfiguration()
            (c.title, c.author, c.language, c.chapters) = (title, author, language, chapters)
            (c.figureConventions.alphaAxis, c.figureConventions.penaltySymbol) = (axis, symbol)
            return c
        }
    }

    struct Chapter: Equatable {
        /// The chapter file, relative to the content folder, and its page's file name.
        var name: String
        var page: String
        var number: Int?
        /// SHA-256 of its bytes.
        var digest: String
        /// SHA-256 of its directives as written (`directivesDigest`).
        var directives: String
        /// The content images its page shows, by path in the site.
        var images: [String]
    }

    struct Experiment: Equatable {
        var key: String
        /// The directive: the chapter's display path, the fence's and the body's lines, the fence's column, the id
        /// and the YAML body, from which `ProseEditBuild` parses the declaration again.
        var file: String
        var line: Int
        var column: Int
        var bodyLine: Int
        var id: String
        var body: String

        /// Its value in the index's table (whose key is the id).
        func write(to w: inout BinaryRecordWriter) {
            w.strings([id, key, file, body])
            for n in [line, column, bodyLine] { w.int(n) }
        }

        /// What `write(to:)` wrote.
        init?(reading r: inout BinaryRecordReader) {
            guard let f = r.strings(), f.count == 4, let line = r.int(), let column = r.int(), let bodyLine = r.int()
            else { return nil }
            self.init(key: f[1], file: f[2], line: line, column: column, bodyLine: bodyLine, id: f[0], body: f[3])
        }

        init(key: String, file: String, line: Int, column: Int, bodyLine: Int, id: String, body: String) {
            (self.key, self.file, self.line, self.column, self.bodyLine, self.id, self.body) =
                (key, file, line, column, bodyLine, id, body)
        }
    }

    struct Figure: Equatable {
        var width: Int
        var height: Int
        var alt: String
        var hasDarkVariant: Bool
        var narrowWidth: Int?
        var narrowHeight: Int?

        init(width: Int, height: Int, alt: String, hasDarkVariant: Bool, narrowWidth: Int?, narrowHeight: Int?) {
            (self.width, self.height, self.alt, self.hasDarkVariant) = (width, height, alt, hasDarkVariant)
            (self.narrowWidth, self.narrowHeight) = (narrowWidth, narrowHeight)
        }

        init(_ artifact: FigureArtifact) {
            (width, height, alt, hasDarkVariant) = (artifact.width, artifact.height, artifact.alt, artifact.hasDarkVariant)
            (narrowWidth, narrowHeight) = (artifact.narrowSize?.width, artifact.narrowSize?.height)
        }

        var artifact: FigureArtifact {
            FigureArtifact(width: width, height: height, alt: alt, hasDarkVariant: hasDarkVariant,
                           narrowSize: narrowWidth.flatMap { w in narrowHeight.map { (w, $0) } })
        }

        /// Its value in the index's table, whose key is the file stem.
        func write(to w: inout BinaryRecordWriter) {
            w.string(alt)
            for n in [width, height] { w.int(n) }
            w.bool(hasDarkVariant)
            w.optional(narrowWidth) { $0.int($1) }
            w.optional(narrowHeight) { $0.int($1) }
        }

        /// What `write(to:)` wrote.
        init?(reading r: inout BinaryRecordReader) {
            guard let alt = r.string(), let width = r.int(), let height = r.int(), let dark = r.bool(),
                  case let narrowWidth?? = Optional(r.optional({ $0.int() })),
                  case let narrowHeight?? = Optional(r.optional({ $0.int() })) else { return nil }
            self.init(width: width, height: height, alt: alt, hasDarkVariant: dark, narrowWidth: narrowWidth,
                      narrowHeight: narrowHeight)
        }
    }

    /// SHA-256 of a chapter's directives in order: each one's name, argument and body, not where it stands. A prose
    /// edit moves directives but leaves this unchanged; so, with every other input unchanged, their experiments, figures
    /// and tables are what they were.
    static func directivesDigest(_ document: MarkdownDocument) -> String {
        var h = SHA256()
        h.field("directives/v1")
        for block in document.directives {
            h.field(block.name)
            h.field(block.argument)
            h.field(block.body)
        }
        return h.hexDigest()
    }

    /// The digest of every input but the files `chapterPaths` (absolute, standardized), with the identity and options
    /// the fingerprint hashes. `nil` when one of those chapters is not among the inputs.
    static func restDigest(_ fingerprint: InputFingerprint, chapterPaths: Set<String>, identity: String, strict: Bool,
                           publishing: String) -> String? {
        guard chapterPaths.isSubset(of: fingerprint.digests.keys) else { return nil }
        var h = SHA256()
        h.field("rest/v1")
        h.field(identity)
        h.field(strict ? "strict" : "lenient")
        h.field(publishing)
        for (path, digest) in fingerprint.digests.sorted(by: { $0.key < $1.key }) where !chapterPaths.contains(path) {
            h.field(path)
            h.field(digest)
        }
        return h.hexDigest()
    }

    /// The absolute, standardized path of chapter `name` of the content folder `contentPath`.
    static func chapterPath(_ name: String, contentPath: String) -> String {
        InputFingerprint.standardized((contentPath as NSString).appendingPathComponent(name))
    }

    // MARK: Storage

    /// Two records: the site (`siteFileName`: what a prose edit changes, rewritten by each) and the course's index
    /// (`indexFileName`: labels, anchors, files, experiments and figures, which a prose edit leaves as they are, written
    /// by whole builds only). Each names the whole build that wrote the index (`Site.indexToken`, `Index.token`), so a
    /// site record is never read with another build's index.
    static let siteFileName = "prose-edit-site.bin"
    static let indexFileName = "prose-edit-index.bin"
    /// The records' magic tags: their type and the version of their layout.
    static let siteMagic = "docgen-prose-edit-site/1\n"
    static let indexMagic = "docgen-prose-edit-index/2\n"

    static func load(from cache: BuildCache) -> ProseEditState? {
        guard let site = cache.read(".", siteFileName), let index = cache.read(".", indexFileName) else { return nil }
        return ProseEditState(site: site, index: index)
    }

    /// Writes both records (after a whole build).
    func save(to cache: BuildCache) {
        cache.write(".", Self.indexFileName, index.encoded())
        cache.write(".", Self.siteFileName, site.encoded())
    }

    /// Writes the site record only (after a prose edit, which leaves the index as it is).
    func saveSite(to cache: BuildCache) { cache.write(".", Self.siteFileName, site.encoded()) }

    static func remove(from cache: BuildCache) { unlink(cache.filePath(".", siteFileName)) }

    /// The state the two records hold; nil for anything `Site.encoded` and `Index.encoded` did not write, or for
    /// records of two different builds.
    init?(site: Data, index: Data) {
        guard let site = Site(record: site), let index = Index(record: index) else { return nil }
        self.init(site: site, index: index)
    }

    /// The state of a site record and an index record decoded apart; nil when they are not of one build.
    init?(site: Site, index: Index) {
        guard index.token == site.indexToken else { return nil }
        (self.site, self.index) = (site, index)
    }
}

extension ProseEditState.Site {
    /// The record (`BinaryRecordWriter`; JSON took 15 ms to read for the course).
    func encoded() -> Data {
        var w = BinaryRecordWriter(magic: ProseEditState.siteMagic)
        w.strings([indexToken, outputPath, fingerprint, restDigest, course.title, course.language, course.alphaAxis,
                   course.penaltySymbol])
        w.optional(course.author) { $0.string($1) }
        w.int(chapters.count)
        for c in chapters {
            w.strings([c.name, c.page, c.digest, c.directives])
            w.optional(c.number) { $0.int($1) }
            w.strings(c.images)
        }
        w.int(parts.count)
        for part in parts { w.strings(part.flattened) }
        w.optional(mathFontPath) { $0.string($1) }
        return w.data
    }

    /// Nil for anything `encoded` did not write.
    init?(record: Data) {
        guard var r = BinaryRecordReader(record, magic: ProseEditState.siteMagic),
              let head = r.strings(), head.count == 8, case let author?? = Optional(r.optional({ $0.string() }))
        else { return nil }
        let course = ProseEditState.Course(title: head[4], author: author, language: head[5], alphaAxis: head[6],
                                           penaltySymbol: head[7])
        guard let chapters = r.array(minimumSize: 8, { r -> ProseEditState.Chapter? in
            guard let f = r.strings(), f.count == 4, case let number?? = Optional(r.optional({ $0.int() })),
                  let images = r.strings() else { return nil }
            return ProseEditState.Chapter(name: f[0], page: f[1], number: number, digest: f[2], directives: f[3],
                                          images: images)
        }) else { return nil }
        guard let parts = r.array(minimumSize: 8, { r in r.strings().flatMap(PageParts.init(flattened:)) }) else { return nil }
        guard case let mathFontPath?? = Optional(r.optional({ $0.string() })), r.isAtEnd else { return nil }
        self.init(outputPath: head[1], fingerprint: head[2], indexToken: head[0], course: course, restDigest: head[3],
                  chapters: chapters, parts: parts, mathFontPath: mathFontPath)
    }
}

extension ProseEditState.Index {
    /// The index of a whole build's course; nil only if a table does not read back as written.
    init?(token: String, labels: [String: LabelTarget], anchors: [String: [String]], siteFiles: some Sequence<String>,
          experiments: [String: ProseEditState.Experiment], figures: [String: ProseEditState.Figure]) {
        guard let anchors = RecordTable(anchors, write: { $0.strings($1) }, read: Self.readAnchors),
              let siteFiles = RecordTable(Dictionary(siteFiles.map { ($0, ()) }, uniquingKeysWith: { a, _ in a }),
                                          write: { _, _ in }, read: Self.readSiteFile),
              let experiments = RecordTable(experiments, write: { $1.write(to: &$0) }, read: Self.readExperiment),
              let figures = RecordTable(figures, write: { $1.write(to: &$0) }, read: Self.readFigure)
        else { return nil }
        (self.token, self.labels) = (token, labels)
        (self.anchors, self.siteFiles, self.experiments, self.figures) = (anchors, siteFiles, experiments, figures)
    }

    private static let readAnchors: @Sendable (inout BinaryRecordReader) -> [String]? = { $0.strings() }
    private static let readSiteFile: @Sendable (inout BinaryRecordReader) -> Void? = { _ in () }
    private static let readFigure: @Sendable (inout BinaryRecordReader) -> ProseEditState.Figure? = {
        ProseEditState.Figure(reading: &$0)
    }
    private static let readExperiment: @Sendable (inout BinaryRecordReader) -> ProseEditState.Experiment? = {
        ProseEditState.Experiment(reading: &$0)
    }

    /// The record.
    func encoded() -> Data {
        var w = BinaryRecordWriter(magic: ProseEditState.indexMagic)
        w.string(token)
        w.int(labels.count)
        for (label, target) in labels.sorted(by: { $0.key < $1.key }) { w.strings([label, target.chapterOutputName, target.anchor, target.text]) }
        for table in [anchors.sectionBytes, siteFiles.sectionBytes, experiments.sectionBytes, figures.sectionBytes] {
            w.raw(table)
        }
        return w.data
    }

    /// Nil for anything `encoded` did not write. The labels are decoded; the tables' layouts are checked, their
    /// values left to be decoded when looked up.
    init?(record: Data) {
        guard var r = BinaryRecordReader(record, magic: ProseEditState.indexMagic), let token = r.string() else {
            return nil
        }
        guard let labels = r.array(minimumSize: 8, { r -> (String, LabelTarget)? in
            guard let f = r.strings(), f.count == 4 else { return nil }
            return (f[0], LabelTarget(chapterOutputName: f[1], anchor: f[2], text: f[3]))
        }) else { return nil }
        guard let anchors = r.table(Self.readAnchors), let siteFiles = r.table(Self.readSiteFile),
              let experiments = r.table(Self.readExperiment), let figures = r.table(Self.readFigure), r.isAtEnd
        else { return nil }
        self.token = token
        self.labels = Dictionary(labels, uniquingKeysWith: { a, _ in a })
        (self.anchors, self.siteFiles, self.experiments, self.figures) = (anchors, siteFiles, experiments, figures)
    }
}

extension ProseEditState {
    /// The state of the site a whole build just published from these stages and inputs (`fingerprint`, recorded by the
    /// site), or nil when the build gives no ground
    /// for one (a chapter missing from the inputs, or an experiment without a cache key or a directive).
    init?(outputPath: String, fingerprint: InputFingerprint, identity: String, options: BuildOptions, plan: CoursePlan,
          experiments: ExperimentStage.Output, figures: FigureStage.Output, pages: PageStage.Output,
          site: RenderedSite) {
        let contentPath = options.contentPath
        var chapterPaths = Set<String>()
        var chapters: [Chapter] = []
        guard plan.chapters.count == plan.configuration.chapters.count else { return nil }
        for chapter in plan.chapters {
            let path = Self.chapterPath(chapter.source.name, contentPath: contentPath)
            chapterPaths.insert(path)
            chapters.append(Chapter(name: chapter.source.name, page: chapter.outputName, number: chapter.number,
                                    digest: SHA256.hex(chapter.source.bytes),
                                    directives: Self.directivesDigest(chapter.document),
                                    images: (pages.imagesByPage[chapter.outputName] ?? []).sorted()))
        }
        guard let rest = Self.restDigest(fingerprint, chapterPaths: chapterPaths, identity: identity,
                                         strict: options.strict, publishing: options.publishingOptions)
        else { return nil }
        var stored: [String: Experiment] = [:]
        for chapter in plan.chapters {
            for block in chapter.document.directives where block.name == "experiment" {
                guard case let .experiment(declaration)? = chapter.blocks[block.location.line],
                      let key = experiments.keys[declaration.id] else { return nil }
                stored[declaration.id] = Experiment(key: key, file: chapter.source.displayPath, line: block.location.line,
                                                    column: block.location.column, bodyLine: block.bodyLocation.line,
                                                    id: declaration.id, body: block.body)
            }
        }
        self.site = Site(outputPath: InputFingerprint.standardized(outputPath), fingerprint: fingerprint.value,
                         indexToken: fingerprint.value, course: Course(plan.configuration), restDigest: rest,
                         chapters: chapters, parts: site.parts, mathFontPath: site.mathFontPath)
        guard let index = Index(token: fingerprint.value, labels: plan.labels,
                                anchors: pages.anchors.mapValues { $0.sorted() }, siteFiles: pages.siteFiles,
                                experiments: stored, figures: figures.artifacts.mapValues(Figure.init))
        else { return nil }
        self.index = index
    }
}
