import Synchronization

/// How often a build did each kind of work that should grow with what changed rather than with the course: tests
/// read the counts to check that a prose edit reads and resolves the edited chapters only, whatever the course's size.
/// Debug builds count; release builds do not (the counts stay 0).
enum BuildWork {
    enum Kind: Int, CaseIterable {
        /// A chapter file read and parsed (`ChapterSource.read`).
        case chapterRead
        /// A chapter's page resolved (`PageStage.Context.page(for:)`).
        case pageResolved
    }

    #if DEBUG
    private static let counts = Mutex([Int](repeating: 0, count: Kind.allCases.count))
    #endif

    static func record(_ kind: Kind) {
        #if DEBUG
        counts.withLock { $0[kind.rawValue] += 1 }
        #endif
    }

    /// The work of `kind` done so far in this process.
    static func count(_ kind: Kind) -> Int {
        #if DEBUG
        return counts.withLock { $0[kind.rawValue] }
        #else
        return 0
        #endif
    }
}
