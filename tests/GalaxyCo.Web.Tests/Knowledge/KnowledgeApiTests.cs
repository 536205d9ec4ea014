using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GalaxyCo.Data;
using GalaxyCo.Data.Integrations;
using GalaxyCo.Domain.Tests.Infrastructure;

namespace GalaxyCo.Web.Tests.Knowledge;

[Collection(PostgresCollection.Name)]
public sealed class KnowledgeApiTests(PostgresDatabase db)
{
    private const string Manual = """
        # Espresso machine care

        Descale the espresso machine every two months with citric acid so limescale does not block the boiler.

        ## Milk frother

        Purge the steam wand after every use and wipe it with a damp cloth; dried milk clogs the nozzle.
        """;

    [Fact]
    public async Task Api_MissingOrBadToken_Is401Problem()
    {
        await using var host = KnowledgeApiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Api Unauthenticated");

        using var none = await host.Client().GetAsync($"/api/w/{w.Slug}/knowledge/items");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var junk = await host.Client("not-a-token").GetAsync($"/api/w/{w.Slug}/knowledge/search?q=x");
        Assert.Equal(HttpStatusCode.Unauthorized, junk.StatusCode);
    }

    [Fact]
    public async Task Api_ReadOnlyTokenOrViewerWriting_Is403()
    {
        await using var host = KnowledgeApiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Api Forbidden");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        var readOnly = await host.TokenAsync(w.OwnerUserId, w.Id, AccessTokenScope.Read);
        var viewerToken = await host.TokenAsync(viewer.UserId, w.Id, AccessTokenScope.ReadWrite);

        using var byReadToken = await host.Client(readOnly).PostAsJsonAsync($"/api/w/{w.Slug}/knowledge/items", new { title = "Note", markdown = "Hello" });
        Assert.Equal(HttpStatusCode.Forbidden, byReadToken.StatusCode);
        using var byViewer = await host.Client(viewerToken).PostAsync($"/api/w/{w.Slug}/knowledge/items", FileForm("note.md", "# Note\n\nSome text."));
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        using var list = await host.Client(readOnly).GetAsync($"/api/w/{w.Slug}/knowledge/items");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(0, (await JsonAsync(list)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Api_UploadOverLimit_Is413AndNothingSaved()
    {
        await using var host = KnowledgeApiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Api Too Large");
        var token = await host.TokenAsync(w.OwnerUserId, w.Id);
        var big = new string('a', (int)KnowledgeApiHost.UploadLimit + 10);

        using var response = await host.Client(token).PostAsync($"/api/w/{w.Slug}/knowledge/items", FileForm("big.txt", big));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var list = await host.Client(token).GetAsync($"/api/w/{w.Slug}/knowledge/items?archived=include");
        Assert.Equal(0, (await JsonAsync(list)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Api_BadInput_Is400WithFieldErrors()
    {
        await using var host = KnowledgeApiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Api Bad Input");
        var client = host.Client(await host.TokenAsync(w.OwnerUserId, w.Id));

        using var noQuery = await client.GetAsync($"/api/w/{w.Slug}/knowledge/search?k=10");
        Assert.Equal(HttpStatusCode.BadRequest, noQuery.StatusCode);
        Assert.True((await JsonAsync(noQuery)).GetProperty("errors").TryGetProperty("q", out _));
        using var badK = await client.GetAsync($"/api/w/{w.Slug}/knowledge/search?q=x&k=500");
        Assert.True((await JsonAsync(badK)).GetProperty("errors").TryGetProperty("k", out _));
        using var badType = await client.GetAsync($"/api/w/{w.Slug}/knowledge/items?type=spreadsheet");
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        using var badJson = await client.PostAsync($"/api/w/{w.Slug}/knowledge/items", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        using var noQuestion = await client.PostAsJsonAsync($"/api/w/{w.Slug}/knowledge/ask", new { question = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noQuestion.StatusCode);
    }

    [Fact]
    public async Task Api_UploadListSearchAsk_RoundTripAndOtherWorkspaceSeesNothing()
    {
        await using var host = KnowledgeApiHost.Start(db);
        var a = await db.CreateWorkspaceAsync("Api Round Trip A");
        var b = await db.CreateWorkspaceAsync("Api Round Trip B");
        var clientA = host.Client(await host.TokenAsync(a.OwnerUserId, a.Id));
        var tokenB = await host.TokenAsync(b.OwnerUserId, b.Id);
        var clientB = host.Client(tokenB);

        using var upload = await clientA.PostAsync($"/api/w/{a.Slug}/knowledge/items", FileForm("espresso.md", Manual, ("tags", "coffee, care")));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var added = (await JsonAsync(upload)).GetProperty("results")[0];
        Assert.Equal("added", added.GetProperty("status").GetString());
        var id = added.GetProperty("item").GetProperty("id").GetGuid();

        // Processing runs in the app's Hangfire jobs; wait for it (bounded), then read the item.
        JsonElement item = default;
        for (var i = 0; i < 600; i++)
        {
            using var got = await clientA.GetAsync($"/api/w/{a.Slug}/knowledge/items/{id}");
            Assert.Equal(HttpStatusCode.OK, got.StatusCode);
            item = (await JsonAsync(got)).GetProperty("item");
            if (item.GetProperty("status").GetString() != "processing") break;
            await Task.Delay(200);
        }
        Assert.Equal("ready", item.GetProperty("status").GetString());
        Assert.True(item.GetProperty("chunkCount").GetInt32() > 0);

        using var duplicate = await clientA.PostAsync($"/api/w/{a.Slug}/knowledge/items", FileForm("copy.md", Manual));
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal("duplicate", (await JsonAsync(duplicate)).GetProperty("results")[0].GetProperty("status").GetString());

        using var list = await clientA.GetAsync($"/api/w/{a.Slug}/knowledge/items?tag=coffee");
        var listed = await JsonAsync(list);
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
        Assert.Equal(id, listed.GetProperty("items")[0].GetProperty("id").GetGuid());

        using var search = await clientA.GetAsync($"/api/w/{a.Slug}/knowledge/search?q={Uri.EscapeDataString("how often should I descale the machine")}&k=5");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        var top = (await JsonAsync(search)).GetProperty("results")[0];
        Assert.Equal(id, top.GetProperty("itemId").GetGuid());
        Assert.Equal("espresso.md", top.GetProperty("fileName").GetString());
        Assert.Contains("Descale", top.GetProperty("passage").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, top.GetProperty("scores").GetProperty("fusedRank").GetInt32());

        using var ask = await clientA.PostAsJsonAsync($"/api/w/{a.Slug}/knowledge/ask", new { question = "How do I clean the steam wand?", k = 3 });
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        var answer = await JsonAsync(ask);
        Assert.True(answer.GetProperty("isExtractive").GetBoolean());
        var citations = answer.GetProperty("citations");
        Assert.True(citations.GetArrayLength() > 0);
        Assert.All(citations.EnumerateArray(), c => Assert.Equal(id, c.GetProperty("passage").GetProperty("itemId").GetGuid()));

        // Workspace B: A's item is not there by id, by list or by search; B's token on A's slug is 404.
        using var bGet = await clientB.GetAsync($"/api/w/{b.Slug}/knowledge/items/{id}");
        Assert.Equal(HttpStatusCode.NotFound, bGet.StatusCode);
        using var bList = await clientB.GetAsync($"/api/w/{b.Slug}/knowledge/items");
        Assert.Equal(0, (await JsonAsync(bList)).GetProperty("total").GetInt32());
        using var bSearch = await clientB.GetAsync($"/api/w/{b.Slug}/knowledge/search?q=descale");
        Assert.Equal(0, (await JsonAsync(bSearch)).GetProperty("results").GetArrayLength());
        using var bOnA = await clientB.GetAsync($"/api/w/{a.Slug}/knowledge/items/{id}");
        Assert.Equal(HttpStatusCode.NotFound, bOnA.StatusCode);
    }

    private static MultipartFormDataContent FileForm(string fileName, string text, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return form;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"HTTP {(int)response.StatusCode} with an empty body");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
