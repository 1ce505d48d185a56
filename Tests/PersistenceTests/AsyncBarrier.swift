/// Suspends callers of ``arrive()`` until `parties` of them have arrived, then releases them all.
actor AsyncBarrier {
    private let parties: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var arrived = 0

    init(parties: Int) {
        self.parties = parties
    }

    func arrive() async {
        self.arrived += 1
        if self.arrived >= self.parties {
            let waiting = self.waiting
            self.waiting.removeAll()
            for continuation in waiting { continuation.resume() }
            return
        }
        await withCheckedContinuation { continuation in
            self.waiting.append(continuation)
        }
    }
}
