namespace GalaxyCo.Domain.Knowledge.Extraction;

/// <summary>The most frequent function words per PostgreSQL text search configuration, for detection and keywords.</summary>
internal static class Stopwords
{
    public static readonly IReadOnlyDictionary<string, HashSet<string>> ByLanguage = new Dictionary<string, HashSet<string>>
    {
        ["english"] = Set("the of and to in is that it for was on are as with be by this at from or have an not which but they you were his her their has had can will would there been if more when we all so what about into than its also our these may should"),
        ["german"] = Set("der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei"),
        ["french"] = Set("de la le et les des en un du une que est pour qui dans par sur au il pas plus ce ne se avec sont à aux son sa ses mais ou être cette comme nous vous elle ils été leur"),
        ["spanish"] = Set("de la que el en y los del se las por un para con no una su al es lo como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante"),
        ["italian"] = Set("di che il la per non un in una è sono del della con le si da lo al dei delle gli nel alla anche come più ma ha questo se ci io mi nella essere o sua suo loro ad dal"),
        ["portuguese"] = Set("de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está também só pelo pela até isso ela entre depois"),
        ["dutch"] = Set("de en van het een in is dat op te zijn met voor niet aan er die ook als bij of om door maar wordt naar dan uit nog wel kan zo tot hij over deze heeft worden was"),
        ["swedish"] = Set("och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan man när år säger hon under också efter eller nu sin där vid mot ska skulle"),
        ["danish"] = Set("og i at det en den til er som på de med han af for ikke der var mig sig men et har om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv"),
        ["norwegian"] = Set("og i det som på en til er av for med at den ikke har de var jeg seg men om et fra så vi kan skal ble også etter eller nå hun når ved hadde mot sin"),
        ["finnish"] = Set("ja on ei oli että se hän mutta kun myös ovat tai ole sen kuin niin jo vain joka voi ovat mitä hänen sitä ne nyt olla"),
        ["russian"] = Set("и в не на что с по это как а из к у за от для же так все она он но о его бы мы вы было то был"),
    };

    /// <summary>Every list together: words that never make a good tag in any of the supported languages.</summary>
    public static readonly HashSet<string> All = ByLanguage.Values.SelectMany(s => s).Concat(
        Set("also use used using one two three can could would should may might must shall will just like get got make made see new however page").ToList()
    ).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> Set(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
