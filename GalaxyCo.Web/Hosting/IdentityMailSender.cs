using System.Net;
using GalaxyCo.Data.Workspaces;
using GalaxyCo.Domain.Mail;
using Microsoft.AspNetCore.Identity;

namespace GalaxyCo.Web.Hosting;

/// <summary>Identity's confirmation and reset mails, sent through the app's mail sender (SMTP or the local outbox).</summary>
internal sealed class IdentityMailSender(IMailSender mail) : IEmailSender<User>
{
    public Task SendConfirmationLinkAsync(User user, string email, string confirmationLink) =>
        Send(email, "Confirm your GalaxyCo account", "Confirm your email address to finish creating your account.", "Confirm my email", confirmationLink);

    public Task SendPasswordResetLinkAsync(User user, string email, string resetLink) =>
        Send(email, "Reset your GalaxyCo password", "Someone asked to reset the password of this account. If it was you, choose a new one.", "Reset my password", resetLink);

    public Task SendPasswordResetCodeAsync(User user, string email, string resetCode) =>
        mail.SendAsync(new OutgoingMail(email, "Your GalaxyCo password reset code",
            $"<p>Your password reset code is <strong>{WebUtility.HtmlEncode(resetCode)}</strong>.</p>", $"Your password reset code is {resetCode}."));

    // Identity hands over links that are already HTML-encoded.
    private Task Send(string to, string subject, string lead, string action, string encodedLink) =>
        mail.SendAsync(new OutgoingMail(to, subject,
            $"<p>{WebUtility.HtmlEncode(lead)}</p><p><a href=\"{encodedLink}\">{WebUtility.HtmlEncode(action)}</a></p>",
            $"{lead}\n\n{action}: {WebUtility.HtmlDecode(encodedLink)}"));
}
