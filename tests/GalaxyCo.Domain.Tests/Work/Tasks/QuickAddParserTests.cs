using GalaxyCo.Data;
using GalaxyCo.Domain.Work.Tasks;

namespace GalaxyCo.Domain.Tests.Work.Tasks;

public sealed class QuickAddParserTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly Guid Anna = Guid.NewGuid();
    private static readonly Guid AnnaKim = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();

    private static readonly IReadOnlyList<QuickAddMember> Members =
    [
        new(Anna, "Anna Li", "Anna", "anna.li@acme.test"),
        new(Bob, "Bob Smith", "Bob", "bob.smith@acme.test"),
    ];

    // Wednesday 2026-06-10, 10:00 in Chicago (CDT, UTC-5).
    private static readonly DateTimeOffset Wednesday = new(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);

    private static QuickAddResult Parse(string text, DateTimeOffset? now = null, IReadOnlyList<QuickAddMember>? members = null) =>
        QuickAddParser.Parse(text, new QuickAddContext(now ?? Wednesday, Chicago, members ?? Members));

    [Fact]
    public void Parse_TheIssueExample_ReadsEveryPart()
    {
        var r = Parse("Call Bob tomorrow 3pm !high @anna #acme");

        Assert.True(r.IsValid);
        Assert.Equal("Call Bob", r.Title);
        Assert.Equal(new DateTime(2026, 6, 11, 15, 0, 0), r.DueLocal);
        Assert.Equal(new DateTime(2026, 6, 11, 20, 0, 0, DateTimeKind.Utc), r.DueDate);
        Assert.Equal(DateTimeKind.Utc, r.DueDate!.Value.Kind);
        Assert.True(r.DueHasTime);
        Assert.Equal(TaskPriority.High, r.Priority);
        Assert.Equal(Anna, r.AssignedTo);
        Assert.Equal("Anna Li", r.AssigneeName);
        Assert.Equal(["acme"], r.Tags);
        Assert.Equal([QuickAddPart.Due, QuickAddPart.Priority, QuickAddPart.Assignee, QuickAddPart.Tag], r.Tokens.Select(t => t.Part));
        Assert.Equal("Tomorrow, 3:00 PM", r.Tokens[0].Meaning);
        Assert.Equal("tomorrow 3pm", r.Tokens[0].Text);
    }

    [Theory]
    [InlineData("Pay rent today", "Pay rent", "2026-06-10")]
    [InlineData("Pay rent tod", "Pay rent", "2026-06-10")]
    [InlineData("Pay rent tmrw", "Pay rent", "2026-06-11")]
    [InlineData("Report friday", "Report", "2026-06-12")]
    [InlineData("Report Fri", "Report", "2026-06-12")]
    [InlineData("Standup wednesday", "Standup", "2026-06-17")]
    [InlineData("Standup tuesday", "Standup", "2026-06-16")]
    [InlineData("Review next friday", "Review", "2026-06-12")]
    [InlineData("Plan next week", "Plan", "2026-06-15")]
    [InlineData("Follow up in 3 days", "Follow up", "2026-06-13")]
    [InlineData("Follow up in a day", "Follow up", "2026-06-11")]
    [InlineData("Renew in 2 weeks", "Renew", "2026-06-24")]
    [InlineData("Renew in 1 month", "Renew", "2026-07-10")]
    [InlineData("Ship dec 5", "Ship", "2026-12-05")]
    [InlineData("Ship 5 dec", "Ship", "2026-12-05")]
    [InlineData("Ship December 5th", "Ship", "2026-12-05")]
    [InlineData("Ship dec 5 2027", "Ship", "2027-12-05")]
    [InlineData("Taxes mar 1", "Taxes", "2027-03-01")]
    [InlineData("Fireworks 7/4", "Fireworks", "2026-07-04")]
    [InlineData("Invoice 5/12", "Invoice", "2027-05-12")]
    [InlineData("Fireworks 7/4/2027", "Fireworks", "2027-07-04")]
    [InlineData("Fireworks 7/4/27", "Fireworks", "2027-07-04")]
    [InlineData("Deploy 2026-06-20", "Deploy", "2026-06-20")]
    [InlineData("Submit report on friday", "Submit report", "2026-06-12")]
    [InlineData("Submit report by friday", "Submit report", "2026-06-12")]
    [InlineData("Submit report due friday.", "Submit report", "2026-06-12")]
    [InlineData("Call tom tomorrow", "Call tom", "2026-06-11")]
    public void Parse_DateWithoutTime_IsStartOfThatLocalDay(string text, string title, string date)
    {
        var r = Parse(text);

        Assert.Equal(title, r.Title);
        Assert.Equal(DateTime.Parse(date, System.Globalization.CultureInfo.InvariantCulture), r.DueLocal);
        Assert.False(r.DueHasTime);
        Assert.True(r.IsValid);
    }

    [Theory]
    [InlineData("Lunch noon", "Lunch", "2026-06-10 12:00")]
    [InlineData("Wake up 9am", "Wake up", "2026-06-11 09:00")]
    [InlineData("Meet at 15:00", "Meet", "2026-06-10 15:00")]
    [InlineData("Meet at 3:30 pm", "Meet", "2026-06-10 15:30")]
    [InlineData("Meet 3:30PM friday", "Meet", "2026-06-12 15:30")]
    [InlineData("Meet friday at 11am", "Meet", "2026-06-12 11:00")]
    [InlineData("Deploy 12am tomorrow", "Deploy", "2026-06-11 00:00")]
    [InlineData("Lunch 12pm tomorrow", "Lunch", "2026-06-11 12:00")]
    [InlineData("Backup midnight", "Backup", "2026-06-11 00:00")]
    [InlineData("Call 10:00", "Call", "2026-06-11 10:00")]
    public void Parse_Times_PutTheTimeOnTheDateOrNextOccurrence(string text, string title, string local)
    {
        var r = Parse(text);

        Assert.Equal(title, r.Title);
        Assert.Equal(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), r.DueLocal);
        Assert.True(r.DueHasTime);
    }

    [Theory]
    [InlineData("!low", TaskPriority.Low)]
    [InlineData("!medium", TaskPriority.Medium)]
    [InlineData("!med", TaskPriority.Medium)]
    [InlineData("!HIGH", TaskPriority.High)]
    [InlineData("!urgent", TaskPriority.Urgent)]
    [InlineData("!1", TaskPriority.Urgent)]
    [InlineData("!2", TaskPriority.High)]
    [InlineData("!3", TaskPriority.Medium)]
    [InlineData("!4", TaskPriority.Low)]
    public void Parse_Priority_MapsWordsAndNumbers(string marker, TaskPriority expected)
    {
        var r = Parse($"Fix login {marker}");

        Assert.Equal(expected, r.Priority);
        Assert.Equal("Fix login", r.Title);
    }

    [Theory]
    [InlineData("Fix bug !!")]
    [InlineData("Ship it!")]
    [InlineData("Fix 2/30 import")]
    [InlineData("Meet in 3 parsecs")]
    [InlineData("Email bob@acme.test")]
    public void Parse_TextThatOnlyLooksSpecial_StaysInTheTitle(string text)
    {
        var r = Parse(text);

        Assert.Equal(text, r.Title);
        Assert.Null(r.DueDate);
        Assert.Null(r.Priority);
        Assert.True(r.IsValid);
    }

    [Theory]
    [InlineData("@anna", "anna")]
    [InlineData("@ANNA", "anna")]
    [InlineData("@anna.li", "anna")]
    [InlineData("@Bob,", "bob")]
    [InlineData("@bob.smith", "bob")]
    public void Parse_Mention_MatchesFirstNameOrEmailLocalPart(string mention, string who)
    {
        var r = Parse($"Review contract {mention}");

        Assert.Equal(who == "anna" ? Anna : Bob, r.AssignedTo);
        Assert.Equal("Review contract", r.Title);
    }

    [Fact]
    public void Parse_UnknownMention_IsAnAssigneeErrorWithAHint()
    {
        var r = Parse("Review contract @zed");

        Assert.False(r.IsValid);
        Assert.Null(r.AssignedTo);
        Assert.Contains("No member matches @zed", r.Errors["assignedTo"], StringComparison.Ordinal);
        Assert.Equal("Review contract", r.Title);
    }

    [Fact]
    public void Parse_AmbiguousFirstName_AsksForTheEmailName()
    {
        var r = Parse("Review @anna", members: [.. Members, new QuickAddMember(AnnaKim, "Anna Kim", "Anna", "akim@acme.test")]);

        Assert.Null(r.AssignedTo);
        Assert.Contains("matches 2 members", r.Errors["assignedTo"], StringComparison.Ordinal);
        Assert.Equal(AnnaKim, Parse("Review @akim", members: [.. Members, new QuickAddMember(AnnaKim, "Anna Kim", "Anna", "akim@acme.test")]).AssignedTo);
    }

    [Fact]
    public void Parse_TwoMentions_IsAnError()
    {
        var r = Parse("Pair @anna @bob");

        Assert.Equal(Anna, r.AssignedTo);
        Assert.Contains("one assignee", r.Errors["assignedTo"], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Tags_AreLowerCasedAndDistinct()
    {
        var r = Parse("Plan #Acme #acme #q3-plan launch");

        Assert.Equal(["acme", "q3-plan"], r.Tags);
        Assert.Equal("Plan launch", r.Title);
    }

    [Fact]
    public void Parse_NothingButMarkers_AsksForATitle()
    {
        var r = Parse("tomorrow !high #acme");

        Assert.False(r.IsValid);
        Assert.Contains("Type what the task is", r.Errors["title"], StringComparison.Ordinal);
        Assert.Equal("", Parse("   ").Title);
    }

    [Fact]
    public void Parse_SecondDate_StaysInTheTitle()
    {
        var r = Parse("Move monday sync to friday");

        Assert.Equal("Move sync to friday", r.Title);
        Assert.Equal(new DateTime(2026, 6, 15), r.DueLocal);
    }

    [Fact]
    public void ToInput_CarriesTheParsedFields()
    {
        var project = Guid.NewGuid();
        var input = Parse("Call Bob tomorrow 3pm !high @anna #acme").ToInput(project);

        Assert.Equal(("Call Bob", TaskPriority.High, Anna, project), (input.Title, input.Priority, input.AssignedTo!.Value, input.ProjectId!.Value));
        Assert.Equal(new DateTime(2026, 6, 11, 20, 0, 0, DateTimeKind.Utc), input.DueDate);
        Assert.Equal(["acme"], input.Tags!);
        Assert.Equal(TaskPriority.Medium, Parse("Plain").ToInput().Priority);
    }

    // ---- Daylight saving time in Chicago: 2026-03-08 springs forward at 02:00, 2026-11-01 falls back at 02:00 ----

    // Saturday 2026-03-07, 10:00 CST (UTC-6).
    private static readonly DateTimeOffset BeforeSpring = new(2026, 3, 7, 16, 0, 0, TimeSpan.Zero);

    // Saturday 2026-10-31, 10:00 CDT (UTC-5).
    private static readonly DateTimeOffset BeforeFall = new(2026, 10, 31, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Call tomorrow 3pm", "2026-03-08T20:00:00Z")] // 15:00 CDT (UTC-5)
    [InlineData("Call tomorrow", "2026-03-08T06:00:00Z")] // midnight was still CST (UTC-6)
    [InlineData("Call tomorrow 1:30am", "2026-03-08T07:30:00Z")] // before the jump, CST
    [InlineData("Call tomorrow 2:30am", "2026-03-08T08:30:00Z")] // 02:30 never happens: read as 03:30 CDT
    [InlineData("Call tomorrow 3am", "2026-03-08T08:00:00Z")] // after the jump, CDT
    [InlineData("Call in 2 days 9am", "2026-03-09T14:00:00Z")]
    [InlineData("Call sunday noon", "2026-03-08T17:00:00Z")]
    public void Parse_AcrossSpringForward_ConvertsWithTheRightOffset(string text, string utc)
    {
        var r = Parse(text, BeforeSpring);

        Assert.Equal(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), r.DueDate);
        Assert.Equal("Call", r.Title);
    }

    [Theory]
    [InlineData("Call tomorrow 3pm", "2026-11-01T21:00:00Z")] // 15:00 CST (UTC-6)
    [InlineData("Call tomorrow", "2026-11-01T05:00:00Z")] // midnight was still CDT (UTC-5)
    [InlineData("Call tomorrow 1:30am", "2026-11-01T06:30:00Z")] // happens twice: the first, CDT
    [InlineData("Call tomorrow 2:30am", "2026-11-01T08:30:00Z")] // after the repeat, CST
    [InlineData("Call monday 9am", "2026-11-02T15:00:00Z")]
    public void Parse_AcrossFallBack_ConvertsWithTheRightOffset(string text, string utc)
    {
        var r = Parse(text, BeforeFall);

        Assert.Equal(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), r.DueDate);
    }

    [Fact]
    public void Parse_OnNewYearsEve_RollsIntoNextYear()
    {
        var eve = new DateTimeOffset(2026, 12, 31, 18, 0, 0, TimeSpan.Zero); // 12:00 CST

        Assert.Equal(new DateTime(2027, 1, 1), Parse("Party tomorrow", eve).DueLocal);
        Assert.Equal(new DateTime(2027, 1, 2), Parse("Recover jan 2", eve).DueLocal);
        Assert.Equal("Fri, Jan 1, 2027", QuickAddParser.Describe(new DateTime(2027, 1, 1), false, new DateOnly(2026, 12, 30)));
    }

    [Fact]
    public void Parse_InTheEvening_TodayFollowsThePersonsZoneNotUtc()
    {
        // 20:00 in Chicago on Wednesday is already Thursday 01:00 UTC.
        var evening = new DateTimeOffset(2026, 6, 11, 1, 0, 0, TimeSpan.Zero);

        var r = Parse("Wrap up today 9pm", evening);

        Assert.Equal(new DateTime(2026, 6, 10, 21, 0, 0), r.DueLocal);
        Assert.Equal(new DateTime(2026, 6, 11, 2, 0, 0, DateTimeKind.Utc), r.DueDate);
        Assert.Equal("Today, 9:00 PM", r.Tokens[0].Meaning);
    }
}
