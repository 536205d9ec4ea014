using GalaxyCo.Domain.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Members;

/// <summary>
/// What the members pages need beyond <see cref="Infrastructure.GalaxyBunitContext"/>'s defaults: the real folder
/// outbox mail sender writing into a temp folder of its own (so a test reads exactly the mail it caused), and data
/// protection for the invitation tokens. Pass <see cref="Register"/> as the context's configureServices.
/// </summary>
public sealed class MailOutbox : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("galaxyco-bunit-mail-").FullName;

    /// <summary>The .eml files written so far.</summary>
    public IReadOnlyList<string> Messages => Directory.GetFiles(Folder, "*.eml");

    public void Register(IServiceCollection services)
    {
        services.Configure<MailOptions>(o => o.OutboxDirectory = Folder);
        services.AddSingleton<IMailSender, FolderOutboxMailSender>();
        services.AddDataProtection().SetApplicationName("GalaxyCo.Web.Tests").UseEphemeralDataProtectionProvider();
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
