using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Extraction;

namespace GalaxyCo.Domain.Tests.Knowledge.Extraction;

public sealed class TextAnalysisTests
{
    [Theory]
    [InlineData("The server reads the configuration file when it starts, and all of the settings are applied to every new connection that is opened.", "english")]
    [InlineData("Der Server liest die Konfigurationsdatei beim Start, und alle Einstellungen werden auf jede neue Verbindung angewendet, die nicht geschlossen ist.", "german")]
    [InlineData("Le serveur lit le fichier de configuration au démarrage et les paramètres sont appliqués à chaque nouvelle connexion qui est ouverte dans la base.", "french")]
    [InlineData("El servidor lee el archivo de configuración al iniciar y los parámetros se aplican a cada nueva conexión que se abre en la base de datos.", "spanish")]
    [InlineData("SELECT id, name FROM users WHERE id = 42", "simple")]
    [InlineData("", "simple")]
    public void Detect_Text_ReturnsTextSearchConfig(string text, string expected)
    {
        Assert.Equal(expected, LanguageDetector.Detect(text));
    }

    [Fact]
    public void ExtractiveSummary_SkipsHeadingsAndBoilerplate_ReturnsFirstSentences()
    {
        var doc = new ExtractedDocument("Guide",
        [
            new(DocumentBlockKind.Heading, "A very long heading that should never be used in a summary", 1),
            new(DocumentBlockKind.Paragraph, "We use cookies to improve your experience on this site."),
            new(DocumentBlockKind.ListItem, "A list item that is long enough to be considered as a paragraph here."),
            new(DocumentBlockKind.Paragraph, "The backup tool copies every table to object storage each night. Restores take minutes. Old copies are pruned after thirty days."),
        ]);

        Assert.Equal("The backup tool copies every table to object storage each night. Restores take minutes.", ExtractiveSummary.From(doc, 100));
        Assert.Null(ExtractiveSummary.From(new ExtractedDocument(null, [new(DocumentBlockKind.Heading, "Only a heading", 1)])));
    }

    [Fact]
    public void TagSuggester_PrefersExistingTagsThenFrequentKeywords()
    {
        var text = string.Join(' ', Enumerable.Repeat("The invoice export writes invoice data to the accounting system. Payroll is separate.", 5));
        var doc = new ExtractedDocument("Invoice export", [new(DocumentBlockKind.Paragraph, text)]);

        var tags = TagSuggester.Suggest(doc, "Invoice export", ["Payroll", "hr"], max: 3);

        Assert.Equal("payroll", tags[0]);
        Assert.DoesNotContain("hr", tags);
        Assert.Contains("invoice export", tags);
        Assert.All(tags, t => Assert.False(t is "the" or "to" or "is"));
        Assert.Equal(3, tags.Count);
    }
}
