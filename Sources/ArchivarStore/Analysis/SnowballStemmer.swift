import CStemmer

/// Snowball's German stemmer from libstemmer (`Flüchtlinge` and `Flüchtling` → `fluchtling`).
/// A libstemmer stemmer keeps its result in a buffer of its own, so it is not thread-safe:
/// each tokenizer instance has its own.
/// Spec: https://snowballstem.org/algorithms/german/stemmer.html
final class SnowballStemmer {
    private let handle: OpaquePointer

    /// Nil when libstemmer has no German algorithm or no memory.
    init?() {
        guard let handle = sb_stemmer_new("german", "UTF_8") else { return nil }
        self.handle = handle
    }

    deinit { sb_stemmer_delete(handle) }

    /// The stem of a folded word (UTF-8); the word itself if libstemmer runs out of memory.
    func stem(_ word: [UInt8]) -> [UInt8] {
        word.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let result = sb_stemmer_stem(handle, base, Int32(buffer.count)) else { return word }
            return Array(UnsafeBufferPointer(start: result, count: Int(sb_stemmer_length(handle))))
        }
    }
}
