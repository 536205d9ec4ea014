using System.ClientModel;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GalaxyCo.Domain.Ai;
using GalaxyCo.Domain.Workspaces;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Knowledge.Search;

/// <summary>
/// Answers a question from the library. The passages come from hybrid search; with a chat model the answer is written
/// from those numbered passages only (any [n] the model invents beyond them is removed); without one — or when the
/// provider fails — the answer is the best passages themselves, marked as extracts. Every citation is a retrieved passage.
/// </summary>
public sealed partial class KnowledgeAskService(
    CurrentMember member, KnowledgeSearchService search, IWorkspaceAiClients clients, ILogger<KnowledgeAskService> logger)
{
    public const int MaxQuestionLength = 1000;
    public const int MaxK = 20;
    public const int ExtractPassages = 3;
    public const int ExtractChars = 600;
    public const string NothingFound = "Nothing in the library matches that question.";

    internal const string SystemPrompt = """
        You answer questions for a team using only the numbered passages from their library given below.
        Rules: use only facts stated in the passages; cite every statement with the passage number in square brackets,
        like [1] or [2][3]; never cite a number that is not in the list; if the passages do not contain the answer,
        say that you don't know from the library. Answer in the language of the question, briefly.
        """;

    public async Task<Result<KnowledgeAnswer>> AskAsync(KnowledgeAskRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!member.Can(Permissions.RecordsRead)) return Result<KnowledgeAnswer>.From(Result.Forbidden("You cannot read this workspace's library."));
        var question = request.Question?.Trim() ?? "";
        if (question.Length == 0) return Result<KnowledgeAnswer>.From(Result.Invalid("question", "Type a question."));
        if (question.Length > MaxQuestionLength) return Result<KnowledgeAnswer>.From(Result.Invalid("question", $"Keep the question under {MaxQuestionLength} characters."));
        if (request.K is < 1 or > MaxK) return Result<KnowledgeAnswer>.From(Result.Invalid("k", $"Use between 1 and {MaxK} passages."));

        var results = await search.SearchCoreAsync(question, request.K, request.Filter, RetrievalMode.Hybrid, ct);
        if (results.Hits.Count == 0)
        {
            return new KnowledgeAnswer(question, NothingFound, IsExtractive: true, [], null);
        }
        var citations = results.Hits.Select((hit, i) => new KnowledgeCitation(i + 1, hit)).ToList();
        var chat = await clients.ChatAsync(member.WorkspaceId, ct);
        if (chat is { } c)
        {
            try
            {
                var response = await c.Client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, SystemPrompt), new ChatMessage(ChatRole.User, Prompt(question, citations))],
                    new ChatOptions { ModelId = c.Model, Temperature = 0.1f }, ct);
                var answer = KeepKnownCitations(response.Text, citations.Count);
                if (!string.IsNullOrWhiteSpace(answer))
                {
                    return new KnowledgeAnswer(question, answer, IsExtractive: false, citations, c.Model);
                }
            }
            catch (Exception e) when (e is HttpRequestException or ClientResultException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                LogProviderFailed(logger, e, member.WorkspaceId);
            }
        }
        return Extracts(question, citations);
    }

    private static KnowledgeAnswer Extracts(string question, List<KnowledgeCitation> citations)
    {
        var used = citations.Take(ExtractPassages).ToList();
        var answer = string.Join("\n\n", used.Select(c => $"{Trim(c.Hit.Passage, ExtractChars)} [{c.Number}]"));
        return new KnowledgeAnswer(question, answer, IsExtractive: true, used, null);
    }

    internal static string Prompt(string question, IReadOnlyList<KnowledgeCitation> citations)
    {
        var prompt = new StringBuilder("Passages:\n\n");
        foreach (var c in citations)
        {
            prompt.Append(CultureInfo.InvariantCulture, $"[{c.Number}] {c.Hit.Title}");
            if (!string.IsNullOrEmpty(c.Hit.HeadingPath)) prompt.Append(" › ").Append(c.Hit.HeadingPath);
            if (c.Hit.PageNumber is { } page) prompt.Append(CultureInfo.InvariantCulture, $" (page {page})");
            prompt.Append('\n').Append(c.Hit.Passage.Trim()).Append("\n\n");
        }
        prompt.Append("Question: ").Append(question);
        return prompt.ToString();
    }

    /// <summary>Removes citation markers that point at no passage ([0], [9] of 6), also inside lists like [1, 9].</summary>
    internal static string KeepKnownCitations(string text, int count)
    {
        var cleaned = CitationList().Replace(text ?? "", m =>
        {
            var numbers = m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Where(n => n >= 1 && n <= count)
                .Distinct();
            return string.Concat(numbers.Select(n => $"[{n}]"));
        });
        return SpaceBeforePunctuation().Replace(cleaned, "$1").Trim();
    }

    private static string Trim(string text, int max)
    {
        text = text.Trim();
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', max);
        return text[..(cut > max / 2 ? cut : max)].TrimEnd() + "…";
    }

    [GeneratedRegex(@"\[(\s*\d+(?:\s*,\s*\d+)*\s*)\]")]
    private static partial Regex CitationList();

    [GeneratedRegex(@"[ \t]+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [LoggerMessage(LogLevel.Warning, "The AI provider of workspace {WorkspaceId} failed to answer; answering with extracts")]
    private static partial void LogProviderFailed(ILogger logger, Exception exception, Guid workspaceId);
}
