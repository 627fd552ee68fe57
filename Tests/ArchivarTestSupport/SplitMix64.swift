/// A small seeded pseudo-random generator (SplitMix64), so that randomized tests are the
/// same every run. Spec: https://prng.di.unimi.it/splitmix64.c
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// `count` texts, each of `pieces` drawn at random and put end to end, `minimumPieces`
    /// to `maximumPieces` of them: the inputs on which a fast scanner is compared with
    /// the plain code it stands in for.
    public mutating func texts(of pieces: [String], count: Int, minimumPieces: Int = 0, maximumPieces: Int) -> [String] {
        (0..<count).map { _ in
            (0..<Int.random(in: minimumPieces...maximumPieces, using: &self)).map { _ in pieces.randomElement(using: &self)! }.joined()
        }
    }
}
