/// Where the next harvest starts: the `responseDate` of the first page of the last
/// successful harvest, in the granularity the repository uses for its datestamps.
///
/// The response date is the repository's own clock at the start of the harvest, so a
/// record changed while the harvest ran is fetched again next time, and no local clock
/// is involved. Repositories must accept day granularity, so when the datestamps seen
/// give no hint the date is cut to the day: a day of overlap, never a gap.
/// Spec: OAI-PMH 2.0 §3.3 (UTCdatetime, granularity), §4.2 (Identify).
struct OAIHarvestCursor {
    /// The datestamp to send as `from`.
    let from: String

    /// Reads a saved cursor; nil for anything that is not an OAI datestamp.
    init?(_ saved: String) {
        guard Self.isDay(saved) || Self.isSeconds(saved) else { return nil }
        from = saved
    }

    /// The cursor for a harvest whose first page answered at `responseDate`, given one
    /// datestamp the repository sent (nil when it sent none) and the previous cursor.
    init?(responseDate: String, sampleDatestamp: String?, previous: OAIHarvestCursor?) {
        guard Self.isSeconds(responseDate) else { return nil }
        let granularitySample = sampleDatestamp ?? previous?.from
        from = granularitySample.map(Self.isSeconds) == true ? responseDate : String(responseDate.prefix(10))
    }

    /// `YYYY-MM-DD`
    private static func isDay(_ text: String) -> Bool {
        text.count == 10 && text.enumerated().allSatisfy { index, character in
            index == 4 || index == 7 ? character == "-" : character.isASCII && character.isNumber
        }
    }

    /// `YYYY-MM-DDThh:mm:ssZ`
    private static func isSeconds(_ text: String) -> Bool {
        text.count == 20 && isDay(String(text.prefix(10))) && text.dropFirst(10).first == "T" && text.last == "Z"
    }
}
