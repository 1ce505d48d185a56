/// The integration suite could not be set up or torn down; the message says what failed and what to do.
struct SuiteSetupError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
