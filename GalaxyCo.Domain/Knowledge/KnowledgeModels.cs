using GalaxyCo.Data;

namespace GalaxyCo.Domain.Knowledge;

public sealed record CollectionSummary(Guid Id, string Name, string? Description, string? Color, string? Icon, int ItemCount, uint Version);

public sealed record CollectionInput(string Name, string? Description = null, string? Color = null, string? Icon = null);

/// <summary>A row of the library list.</summary>
public sealed record KnowledgeItemSummary(
    Guid Id, string Title, KnowledgeItemType Type, KnowledgeItemStatus Status, string? FileName, int? FileSize,
    string? SourceUrl, Guid? CollectionId, string? CollectionName, IReadOnlyList<string> Tags, bool IsFavorite,
    bool IsArchived, string? ProcessingError, int ChunkCount, DateTime CreatedAt, DateTime UpdatedAt, uint Version);

/// <summary>The item page: the summary row plus what only the page shows.</summary>
public sealed record KnowledgeItemDetails(
    KnowledgeItemSummary Item, string? Content, string? Summary, bool SummaryIsExtract, string? ContentType,
    string Language, string? EmbeddingsModel, DateTime? ProcessedAt, Guid? DuplicateOf, bool HasOriginal,
    string? CreatedByName);

public enum KnowledgeSort { Updated, Created, Title, Size }

/// <summary>The library list's filters; null means "any".</summary>
public sealed record KnowledgeItemQuery(
    Guid? CollectionId = null, KnowledgeItemType? Type = null, KnowledgeItemStatus? Status = null, string? Tag = null,
    bool? Favorite = null, bool IncludeArchived = false, bool ArchivedOnly = false, string? Search = null,
    KnowledgeSort Sort = KnowledgeSort.Updated, bool Descending = true, int Skip = 0, int Take = 50);

public sealed record KnowledgeItemPage(IReadOnlyList<KnowledgeItemSummary> Items, int Total);

/// <summary>A file to add: its name as uploaded, the MIME type the client claimed (may be wrong) and its bytes.</summary>
public sealed record UploadFile(string FileName, string? ContentType, Stream Content, long Length);

/// <summary>Where a new item goes and how it is labelled.</summary>
public sealed record NewItemOptions(Guid? CollectionId = null, IReadOnlyList<string>? Tags = null, string? Title = null);

/// <summary>The item created (status processing), or the existing item with the same content when it is a duplicate.</summary>
public sealed record AddedItem(KnowledgeItemSummary Item, bool IsDuplicate);

public sealed record TextItemInput(string Title, string Markdown);

public sealed record ItemEdit(string Title, IReadOnlyList<string> Tags, string? Summary);

/// <summary>A stored original for download.</summary>
public sealed record ItemOriginal(string FileName, string ContentType, byte[] Content);

public sealed record ChunkView(Guid Id, int Position, string? HeadingPath, int? PageNumber, string Text, int TokenCount);

/// <summary>Search and ask filters.</summary>
public sealed record KnowledgeFilter(
    Guid? CollectionId = null, KnowledgeItemType? Type = null, string? Tag = null, bool? Favorite = null,
    IReadOnlyList<Guid>? ItemIds = null);

public enum RetrievalMode { Hybrid, FullText, Vector }

public sealed record KnowledgeSearchRequest(string Query, int K = 10, KnowledgeFilter? Filter = null, RetrievalMode Mode = RetrievalMode.Hybrid);

/// <summary>
/// One ranked passage. <see cref="Highlighted"/> is HTML-escaped passage text with &lt;mark&gt; around matched words
/// (safe to render as markup). The scores are the "why this result" view: full-text rank/score, vector rank/similarity
/// (null when that side did not find it) and the fused score and rank.
/// </summary>
public sealed record KnowledgeHit(
    Guid ChunkId, Guid ItemId, string Title, string? FileName, KnowledgeItemType Type, string? HeadingPath, int? PageNumber,
    int Position, string Passage, string Highlighted, int? FullTextRank, double? FullTextScore, int? VectorRank,
    double? VectorSimilarity, int FusedRank, double FusedScore);

public sealed record KnowledgeSearchResults(
    string Query, RetrievalMode Mode, IReadOnlyList<KnowledgeHit> Hits, int ChunksSearched, string EmbeddingsModel, TimeSpan Elapsed);

public sealed record KnowledgeAskRequest(string Question, int K = 6, KnowledgeFilter? Filter = null);

/// <summary>[n] in the answer refers to Citations[n-1]; every citation is a passage that was retrieved.</summary>
public sealed record KnowledgeCitation(int Number, KnowledgeHit Hit);

/// <summary>
/// An answer from the library. With a chat model, <see cref="Answer"/> is written by the model from the cited passages
/// only; without one, <see cref="IsExtractive"/> is true and the answer is the best passages themselves, labelled as
/// extracts. <see cref="Answer"/> is plain text with [n] markers (the UI links them).
/// </summary>
public sealed record KnowledgeAnswer(string Question, string Answer, bool IsExtractive, IReadOnlyList<KnowledgeCitation> Citations, string? Model);
