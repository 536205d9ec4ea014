using System.Collections.Concurrent;
using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Ingestion;
using GalaxyCo.Domain.Knowledge.Library;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GalaxyCo.Web.Hosting;

/// <summary>
/// <c>dotnet run --project GalaxyCo.Web -- knowledge import --workspace SLUG --collection NAME [--user EMAIL] [--wait] PATH</c>:
/// imports every supported file under PATH (recursively; or PATH itself when it is a file) into the collection (created
/// when missing), as the workspace's owner or the member named by --user, through the same ingest service as uploads
/// (size limits, type sniffing, duplicate detection). Prints added / duplicate / refused per file and a summary.
/// Processing is queued for the app's background jobs; with --wait it runs here instead and each item's
/// ready / failed is reported. Runs with the app's configuration and services, without starting the web server.
/// </summary>
internal static class KnowledgeImportCommand
{
    private static readonly HashSet<string> SupportedExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".pdf", ".docx", ".md", ".markdown", ".html", ".htm", ".txt", ".text", ".png", ".jpg", ".jpeg", ".gif", ".webp",
    };

    public static bool Matches(string[] args) => args is ["knowledge", ..];

    /// <summary>The args the web host may see: the command's own words are not configuration.</summary>
    public static string[] HostArgs(string[] args) => Matches(args) ? [] : args;

    /// <summary>With --wait, items are processed by this command instead of being queued for the app.</summary>
    public static void ConfigureServices(IServiceCollection services, string[] args)
    {
        if (Matches(args) && args.Contains("--wait")) services.Replace(ServiceDescriptor.Singleton<IKnowledgeIngestionQueue, CollectingQueue>());
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct = default)
    {
        if (args is not ["knowledge", "import", ..])
        {
            await Console.Error.WriteLineAsync("Usage: knowledge import --workspace SLUG --collection NAME [--user EMAIL] [--wait] PATH");
            return 2;
        }
        var slug = Option(args, "--workspace");
        var collectionName = Option(args, "--collection")?.Trim();
        var email = Option(args, "--user");
        var wait = args.Contains("--wait");
        var path = Positional(args);
        if (string.IsNullOrWhiteSpace(slug) || string.IsNullOrWhiteSpace(collectionName) || path is null)
        {
            await Console.Error.WriteLineAsync("Usage: knowledge import --workspace SLUG --collection NAME [--user EMAIL] [--wait] PATH");
            return 2;
        }
        path = Path.GetFullPath(path);
        var files = File.Exists(path) ? [path]
            : Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : null;
        if (files is null)
        {
            await Console.Error.WriteLineAsync($"{path} is neither a file nor a folder.");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var tenant = sp.GetRequiredService<TenantContext>();
        tenant.Actor = new AuditActor("knowledge-import");
        if (await FindUserAsync(sp, slug, email, ct) is not { } userId)
        {
            await Console.Error.WriteLineAsync(email is null
                ? $"No active workspace \"{slug}\" with an owner was found."
                : $"{email} is not an active member of a workspace \"{slug}\".");
            return 2;
        }
        if (!(await sp.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId, ct)).Succeeded)
        {
            await Console.Error.WriteLineAsync($"Workspace \"{slug}\" was not found.");
            return 2;
        }
        var member = sp.GetRequiredService<CurrentMember>();
        var collections = sp.GetRequiredService<KnowledgeCollectionService>();
        var collection = (await collections.ListAsync(ct)).FirstOrDefault(c => string.Equals(c.Name, collectionName, StringComparison.OrdinalIgnoreCase));
        if (collection is null)
        {
            var created = await collections.CreateAsync(new CollectionInput(collectionName), ct);
            if (!created.Succeeded)
            {
                await Console.Error.WriteLineAsync($"Could not create the collection: {created.Message}");
                return 2;
            }
            collection = created.Value!;
            Console.WriteLine($"Created collection \"{collection.Name}\".");
        }

        var ingest = sp.GetRequiredService<KnowledgeIngestService>();
        var options = new NewItemOptions(collection.Id);
        int added = 0, duplicates = 0, refused = 0, skipped = 0;
        var addedIds = new List<(Guid Id, string Path)>();
        foreach (var file in files)
        {
            var shown = Path.GetRelativePath(Directory.Exists(path) ? path : Path.GetDirectoryName(path)!, file);
            if (!SupportedExtensions.Contains(Path.GetExtension(file)))
            {
                skipped++;
                continue;
            }
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var result = await ingest.UploadAsync(new UploadFile(Path.GetFileName(file), null, stream, stream.Length), options, ct);
            if (!result.Succeeded)
            {
                refused++;
                Console.WriteLine($"refused    {shown}: {result.Message}");
            }
            else if (result.Value!.IsDuplicate)
            {
                duplicates++;
                Console.WriteLine($"duplicate  {shown} (already in the library as \"{result.Value.Item.Title}\")");
            }
            else
            {
                added++;
                addedIds.Add((result.Value.Item.Id, shown));
                Console.WriteLine($"added      {shown}");
            }
        }
        Console.WriteLine($"{added} added, {duplicates} duplicate, {refused} refused, {skipped} skipped (unsupported type) into \"{collection.Name}\".");

        var failed = 0;
        if (wait && addedIds.Count > 0)
        {
            Console.WriteLine($"Processing {addedIds.Count} item(s)…");
            var queue = sp.GetRequiredService<IKnowledgeIngestionQueue>() as CollectingQueue;
            foreach (var (id, shown) in addedIds)
            {
                queue?.Take(id);
                await using (var jobScope = services.CreateAsyncScope())
                    await jobScope.ServiceProvider.GetRequiredService<KnowledgeIngestionJob>().ProcessAsync(member.WorkspaceId, id, ct);
                var item = await sp.GetRequiredService<KnowledgeItemService>().GetAsync(id, ct);
                var status = item.Value?.Item.Status;
                if (status == KnowledgeItemStatus.Ready) Console.WriteLine($"ready      {shown} ({item.Value!.Item.ChunkCount} chunks)");
                else
                {
                    failed++;
                    Console.WriteLine($"failed     {shown}: {item.Value?.Item.ProcessingError ?? item.Message ?? "unknown error"}");
                }
            }
            Console.WriteLine($"{addedIds.Count - failed} ready, {failed} failed.");
        }
        else if (addedIds.Count > 0)
        {
            Console.WriteLine("Processing is queued: the app's background jobs pick it up (now if it is running, else when it starts).");
        }
        return refused > 0 || failed > 0 ? 1 : 0;
    }

    private static async Task<Guid?> FindUserAsync(IServiceProvider sp, string slug, string? email, CancellationToken ct)
    {
        var factory = sp.GetRequiredService<IDbContextFactory<GalaxyDbContext>>();
        var tenant = sp.GetRequiredService<TenantContext>();
        Guid workspaceId;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var found = await db.Workspaces.AsNoTracking().Where(w => w.Slug == slug && w.IsActive).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct);
            if (found is null) return null;
            workspaceId = found.Value;
        }
        using var entered = tenant.Enter(workspaceId);
        await using var members = await factory.CreateDbContextAsync(ct);
        var active = members.WorkspaceMembers.AsNoTracking().Where(m => m.IsActive);
        if (email is not null)
        {
            var normalized = email.Trim().ToUpperInvariant();
            return await active.Where(m => m.User!.NormalizedEmail == normalized).Select(m => (Guid?)m.UserId).FirstOrDefaultAsync(ct);
        }
        return await active.Where(m => m.Role == UserRole.Owner).OrderBy(m => m.CreatedAt).Select(m => (Guid?)m.UserId).FirstOrDefaultAsync(ct);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The one argument after "knowledge import" that is neither an option nor an option's value.</summary>
    private static string? Positional(string[] args)
    {
        string[] withValue = ["--workspace", "--collection", "--user"];
        for (var i = 2; i < args.Length; i++)
        {
            if (withValue.Contains(args[i])) { i++; continue; }
            if (args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            return args[i];
        }
        return null;
    }

    /// <summary>--wait: remembers what the ingest service queued, so this command processes it instead of the app.</summary>
    private sealed class CollectingQueue : IKnowledgeIngestionQueue
    {
        private readonly ConcurrentDictionary<Guid, Guid> _items = new();

        public void Enqueue(Guid workspaceId, Guid itemId) => _items[itemId] = workspaceId;

        public void EnqueueReembed(Guid workspaceId) { }

        public void Take(Guid itemId) => _items.TryRemove(itemId, out _);
    }
}
