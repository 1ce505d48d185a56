/// A deployment file lacks something a test needs to read: which file, and what is missing.
struct DeploymentFileError: Error, CustomStringConvertible {
    let file: String
    let problem: String

    init(_ file: String, _ problem: String) {
        self.file = file
        self.problem = problem
    }

    var description: String { "\(file): \(problem)" }
}
