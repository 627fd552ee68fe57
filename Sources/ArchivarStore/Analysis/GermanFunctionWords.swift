/// German function words: articles, pronouns, conjunctions, prepositions and verb
/// particles (Snowball's German stop-word list, words of three letters or more). They stay
/// in the index, so `"Planung und Steuerung"` matches as a phrase, but they are never
/// compound parts: `Aufgabe` is not `auf` + `gabe`, `Mitglied` not `mit` + `glied`.
/// `selbst`, `weg` and `zwischen` are left out of the list on purpose: `Selbsthilfe`,
/// `Radweg` and `Zwischenbericht` are real compounds.
/// Spec: https://snowballstem.org/algorithms/german/stop.txt
enum GermanFunctionWords {
    /// The `WordHash`es of the words folded (`uber`, `fur`, `wahrend`).
    static let hashes: Set<UInt64> = Set(words.split(separator: " ").map { WordHash.of(GermanFolding.fold(String($0)).utf8) })

    private static let words = """
        aber alle allem allen aller alles als also ander andere anderem anderen anderer anderes anderm andern \
        anderr anders auch auf aus bei bin bis bist damit dann der den des dem die das dass daß derselbe \
        derselben denselben desselben demselben dieselbe dieselben dasselbe dazu dein deine deinem deinen \
        deiner deines denn derer dessen dich dir dies diese diesem diesen dieser dieses doch dort durch ein \
        eine einem einen einer eines einig einige einigem einigen einiger einiges einmal ihn ihm etwas euer \
        eure eurem euren eurer eures für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich \
        mich mir ihr ihre ihrem ihren ihrer ihres euch indem ins ist jede jedem jeden jeder jedes jene jenem \
        jenen jener jenes jetzt kann kein keine keinem keinen keiner keines können könnte machen man manche \
        manchem manchen mancher manches mein meine meinem meinen meiner meines mit muss musste nach nicht \
        nichts noch nun nur oder ohne sehr sein seine seinem seinen seiner seines sich sie ihnen sind solche \
        solchem solchen solcher solches soll sollte sondern sonst über und uns unsere unserem unseren unser \
        unseres unter viel vom von vor während war waren warst was weil weiter welche welchem welchen \
        welcher welches wenn werde werden wie wieder will wir wird wirst wollen wollte würde würden zum zur \
        zwar
        """
}
