/// The optimal string alignment distance (Damerau–Levenshtein with adjacent swaps, no
/// substring edited twice) between two words, computed only as far as it can stay within
/// a limit: words whose lengths differ by more are not compared, only the cells within
/// `limit` of the diagonal are filled, and the computation stops at the first row whose
/// cells all exceed it. The rows live on the stack, so comparing a word with thousands of
/// index terms allocates nothing.
enum BoundedEditDistance {
    /// The distance between `a` and `b`, or nil when it exceeds `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in distance(a, b, limit: limit) } }
    }

    /// The distance between `a` and `b`, or nil when it exceeds `limit`.
    static func distance(_ a: UnsafeBufferPointer<Unicode.Scalar>, _ b: UnsafeBufferPointer<Unicode.Scalar>,
                         limit: Int) -> Int? {
        let n = a.count, m = b.count
        guard limit >= 0, abs(n - m) <= limit else { return nil }
        guard n > 0, m > 0 else { return max(n, m) }
        // Any value above `limit` is as good as another: `far` stands for all of them.
        let far = limit + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (m + 1)) { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            // Rows i - 2, i - 1 and i of the matrix; cells outside the band hold `far`.
            var twoBack = base, previous = base + (m + 1), current = base + 2 * (m + 1)
            for j in 0...m {
                twoBack[j] = far
                previous[j] = min(j, far)
            }
            for i in 1...n {
                let low = max(1, i - limit), high = min(m, i + limit)
                current[low - 1] = low == 1 ? min(i, far) : far
                if high < m { current[high + 1] = far }
                var rowMinimum = current[low - 1]
                for j in low...high {
                    var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, twoBack[j - 2] + 1) }
                    value = min(value, far)
                    current[j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                guard rowMinimum <= limit else { return nil }
                (twoBack, previous, current) = (previous, current, twoBack)
            }
            return previous[m] <= limit ? previous[m] : nil
        }
    }
}
