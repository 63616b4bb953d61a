extension Diagnostic {
    /// This diagnostic as a `--strict` build reports it: a warning becomes an error whose message says
    /// it was a warning (`error: … (warning treated as error: --strict)`); anything else is unchanged.
    public var treatedAsError: Diagnostic {
        guard severity == .warning else { return self }
        return Diagnostic(.error, message + " (warning treated as error: --strict)", at: location)
    }
}
