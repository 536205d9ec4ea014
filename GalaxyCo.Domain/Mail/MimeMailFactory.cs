using MimeKit;

namespace GalaxyCo.Domain.Mail;

internal static class MimeMailFactory
{
    public static MimeMessage Create(MailOptions options, OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        var body = new BodyBuilder { HtmlBody = mail.HtmlBody, TextBody = mail.TextBody };
        foreach (var attachment in mail.Attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}
