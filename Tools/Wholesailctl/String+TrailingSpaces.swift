extension String {
    /// The text without the spaces an empty last column of a table leaves.
    func trimmingTrailingSpaces() -> String {
        String(reversed().drop(while: { $0 == " " }).reversed())
    }
}
