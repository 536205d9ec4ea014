namespace GalaxyCo.Domain.Work.Reminders;

/// <summary>Work:DueSoon — when an assignee hears that a task is due soon.</summary>
public sealed class TaskDueSoonOptions
{
    public const string Section = "Work:DueSoon";

    /// <summary>How far ahead a due date counts as "soon" (24 hours by default).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The app's public address, for the link in a notice sent by mail (mail goes out only when SMTP is set).</summary>
    public string BaseUrl { get; set; } = "http://localhost:5080";
}
