using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Search;
using GalaxyCo.Domain.Tests.Infrastructure;

namespace GalaxyCo.Domain.Tests.Knowledge.Search;

[Collection(PostgresCollection.Name)]
public sealed class KnowledgeAskTests(PostgresDatabase db)
{
    [Fact]
    public async Task AskAsync_WithProvider_AnswersFromPassagesAndStripsInventedCitations()
    {
        await using var provider = await OpenAiTestServer.StartAsync();
        provider.ChatReply = _ => "Open Settings › Security and send a reset link [1]. It also needs a coffee [9].";
        await using var host = SearchHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Ask Provider");
        var item = await host.AddItemAsync(w, "Account help", ["To reset your password, open Settings, choose Security and click 'Send reset link'."]);
        await host.AddItemAsync(w, "Office guide", ["The cafeteria serves vegetarian lunch on Fridays."]);
        host.Ai.UseChat(w.Id, provider);
        await using var owner = await host.OwnerOfAsync(w);

        var result = await owner.Ask.AskAsync(new KnowledgeAskRequest("How do I reset my password?", K: 2), CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
        var answer = result.Value!;
        Assert.False(answer.IsExtractive);
        Assert.Equal("test-chat", answer.Model);
        Assert.Contains("[1]", answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("[9]", answer.Answer, StringComparison.Ordinal);
        Assert.Equal(item, answer.Citations[0].Hit.ItemId);
        Assert.Equal([1, 2], answer.Citations.Select(c => c.Number));

        var request = Assert.Single(provider.ChatRequests);
        Assert.Equal("Bearer sk-test", request.Authorization);
        var messages = request.Body!["messages"]!.AsArray();
        Assert.Contains("only", messages[0]!["content"]!.ToString(), StringComparison.Ordinal);
        var user = messages[1]!["content"]!.ToString();
        Assert.Contains("[1] Account help", user, StringComparison.Ordinal);
        Assert.Contains("Send reset link", user, StringComparison.Ordinal);
        Assert.Contains("How do I reset my password?", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_WithoutProvider_AnswersWithLabelledExtracts()
    {
        await using var host = SearchHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Ask Extracts");
        await host.AddItemAsync(w, "Account help", ["To reset your password, open Settings, choose Security and click 'Send reset link'."]);
        await using var owner = await host.OwnerOfAsync(w);

        var answer = (await owner.Ask.AskAsync(new KnowledgeAskRequest("How do I reset my password?"), CancellationToken.None)).Value!;
        Assert.True(answer.IsExtractive);
        Assert.Null(answer.Model);
        Assert.StartsWith("To reset your password", answer.Answer, StringComparison.Ordinal);
        Assert.Contains("[1]", answer.Answer, StringComparison.Ordinal);
        Assert.All(answer.Citations, c => Assert.Contains($"[{c.Number}]", answer.Answer, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AskAsync_ProviderFails_FallsBackToExtracts()
    {
        await using var provider = await OpenAiTestServer.StartAsync();
        provider.FailWith = 401;
        await using var host = SearchHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Ask Failing");
        await host.AddItemAsync(w, "Account help", ["To reset your password, open Settings, choose Security and click 'Send reset link'."]);
        host.Ai.UseChat(w.Id, provider);
        await using var owner = await host.OwnerOfAsync(w);

        var answer = (await owner.Ask.AskAsync(new KnowledgeAskRequest("How do I reset my password?"), CancellationToken.None)).Value!;
        Assert.True(answer.IsExtractive);
        Assert.NotEmpty(answer.Citations);
        Assert.NotEmpty(provider.ChatRequests);
    }

    [Fact]
    public async Task AskAsync_EmptyLibrary_SaysNothingMatches()
    {
        await using var host = SearchHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Ask Empty");
        await using var owner = await host.OwnerOfAsync(w);
        var answer = (await owner.Ask.AskAsync(new KnowledgeAskRequest("Anything?"), CancellationToken.None)).Value!;
        Assert.Equal(KnowledgeAskService.NothingFound, answer.Answer);
        Assert.Empty(answer.Citations);
        var invalid = await owner.Ask.AskAsync(new KnowledgeAskRequest(" "), CancellationToken.None);
        Assert.NotNull(invalid.ErrorFor("question"));
    }
}
