// The chapter and directive front end: the input is a chapter (and, after a line `=====`, the course's
// docgen.yml) in a content folder that also holds data/diabetes.csv; the course is planned (Markdown,
// directive YAML, options, ids, labels, references), its pages are built without fits (links, images,
// cross-references, roles, math) and every diagnostic is rendered as the terminal would show it.
@testable import DocgenBuild
import DocgenDiagnostics
import Foundation
import FuzzSupport

let scratch = (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
    + "/docgen-fuzz-chapter-\(getpid())"
let content = scratch + "/Content"
try? FileManager.default.createDirectory(atPath: content + "/data", withIntermediateDirectories: true)
let csv = "age,bmi,progression\n" + (0..<40).map { "\($0 % 7),\(Double($0) / 3),\($0 * 2 % 11)" }.joined(separator: "\n") + "\n"
try? Data(csv.utf8).write(to: URL(fileURLWithPath: content + "/data/diabetes.csv"))
atexit { try? FileManager.default.removeItem(atPath: scratch) }

FuzzDriver.run("chapter") { input in
    let bytes = Data(input)
    let separator = Data("\n=====\n".utf8)
    var chapter = bytes, config: Data?
    if let r = bytes.range(of: separator) {
        chapter = bytes[..<r.lowerBound]
        config = bytes[r.upperBound...]
    }
    try? chapter.write(to: URL(fileURLWithPath: content + "/01-fuzz.md"))
    let configPath = content + "/docgen.yml"
    if let config { try? config.write(to: URL(fileURLWithPath: configPath)) } else { unlink(configPath) }

    let root = ContentRoot(path: content, displayPath: "Content")
    let (plan, planned) = CoursePlanner(root: root).plan()
    let pages = PageStage(plan: plan, experiments: ExperimentStage.Output(), figures: FigureStage.Output()).run()
    let sources = [content + "/01-fuzz.md": String(decoding: chapter, as: UTF8.self)]
    let renderer = DiagnosticRenderer(colour: false) { path in sources[path.replacingOccurrences(of: "Content", with: content)] }
    for d in DiagnosticList(planned + pages.diagnostics).sorted { _ = renderer.render(d) }
}
