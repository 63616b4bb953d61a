import DocgenDiagnostics
import DocgenFigures
import DocgenMarkup
import Foundation

/// A figure placed in a chapter, with its number and output file names.
struct PlannedFigure: Sendable {
    var declaration: FigureDeclaration
    /// "3.2": chapter 3, second figure ("2" in an unnumbered chapter).
    var number: String
    /// File stem under `figures/` (`fig-path`, or `03-penalties-figure-2` without a label).
    var stem: String
    var chapterNumber: Int?
}

/// A table placed in a chapter.
struct PlannedTable: Sendable {
    var declaration: TableDeclaration
    var number: String
    var anchor: String
}

/// One directive of a chapter after parsing.
enum PlannedBlock: Sendable {
    case experiment(ExperimentDeclaration)
    case figure(PlannedFigure)
    case table(PlannedTable)
    /// A directive that failed to parse; its diagnostics are already reported.
    case invalid
}

/// A chapter ready to render: its text, parsed document and planned directives.
struct PlannedChapter: Sendable {
    /// 1-based; nil for an unnumbered chapter (a `00-` preface).
    var number: Int?
    var source: ChapterSource
    var document: MarkdownDocument
    /// `03-penalties.html`.
    var outputName: String
    /// Directives keyed by the line of their opening fence.
    var blocks: [Int: PlannedBlock]
    var title: String
}

/// What a cross-reference label points at.
struct LabelTarget: Sendable, Equatable {
    var chapterOutputName: String
    var anchor: String
    /// "Figure 3.2" or "Table 8.1".
    var text: String
}

/// Everything a build needs to know before it fits anything.
struct CoursePlan: Sendable {
    var configuration: CourseConfiguration
    var chapters: [PlannedChapter]
    /// Experiments by id, course-wide.
    var experiments: [String: ExperimentDeclaration]
    var experimentOrder: [String]
    /// Ids of experiments whose directive had errors: references to them stay quiet,
    /// since the directive's own error already says what is wrong.
    var invalidExperiments: Set<String> = []
    /// Labels that figures and tables with errors meant to declare: cross-references to them stay quiet too.
    var invalidLabels: Set<String> = []
    var figures: [PlannedFigure]
    var labels: [String: LabelTarget]
    /// Every feature's course-wide style: its column's position in its data set (`CoursePlanner.styleMap`).
    var styles = StyleMap()
}
