/// What a role resolved to: {value}`diabetes-cv.alpha_min` has `name` "value", `argument`
/// "diabetes-cv.alpha_min" and, say, `content` [.text("0.0412")].
public struct RoleResult: Sendable, Equatable {
    /// The role name between the braces; the HTML renderer uses it as the CSS class.
    public var name: String
    /// The code span after the role, as written.
    public var argument: String
    /// What to show.
    public var content: [Inline]
    /// True when the role could not be resolved and `content` is a stand-in (such as "?") whose
    /// cause was reported elsewhere, for example an experiment that failed to fit.
    public var isPlaceholder: Bool

    public init(name: String, argument: String, content: [Inline], isPlaceholder: Bool = false) {
        self.name = name
        self.argument = argument
        self.content = content
        self.isPlaceholder = isPlaceholder
    }
}
