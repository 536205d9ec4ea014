using GalaxyCo.Domain.Notifications;

namespace GalaxyCo.Domain.Tests.Notifications;

public sealed class MentionParserTests
{
    private static readonly Guid Ann = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid AnnMarie = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Bob = Guid.Parse("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid Mary = Guid.Parse("00000000-0000-0000-0000-00000000000d");
    private static readonly Guid NoName = Guid.Parse("00000000-0000-0000-0000-00000000000e");

    private static readonly IReadOnlyList<MentionCandidate> Members =
    [
        new(Ann, "Ann", "Lee", "ann@acme.test"),
        new(AnnMarie, "Ann-Marie", "Smith", "annmarie@acme.test"),
        new(Bob, "Bob", "van der Berg", "bob@acme.test"),
        new(Mary, "Mary Jane", "Watson", "mj@acme.test"),
        new(NoName, null, null, "quiet@acme.test"),
    ];

    private static IReadOnlyList<Guid> Parse(string text) => MentionParser.Parse(text, Members);

    [Theory]
    [InlineData("@Ann can you check?")]
    [InlineData("@ann can you check?")]
    [InlineData("@Ann Lee can you check?")]
    [InlineData("@ANN LEE, can you check?")]
    [InlineData("Ping @ann.")]
    [InlineData("(@Ann)")]
    [InlineData("@ann@acme.test please")]
    [InlineData("cc @ann@acme.test.")]
    public void Parse_OneFormOfAnn_FindsAnn(string text) => Assert.Equal([Ann], Parse(text));

    [Fact]
    public void Parse_NamesWithSpacesAndHyphens_TakeTheLongestMatch()
    {
        Assert.Equal([Bob], Parse("@Bob van der Berg: done"));
        Assert.Equal([Mary], Parse("over to @Mary Jane Watson!"));
        Assert.Equal([Mary], Parse("@mary jane see above"));
        Assert.Equal([AnnMarie], Parse("@Ann-Marie agreed"));
    }

    [Fact]
    public void Parse_EmailOnlyMember_IsFoundByEmail() => Assert.Equal([NoName], Parse("@quiet@acme.test can you?"));

    [Theory]
    [InlineData("write to foo@bar.com or ann@acme.test")]
    [InlineData("mail ann@acme.test")]
    [InlineData("@annabel is new")]
    [InlineData("@Zed is not a member")]
    [InlineData("@ alone")]
    [InlineData("@ann.lee@elsewhere.test")]
    [InlineData("")]
    [InlineData("no mentions here")]
    public void Parse_NoMention_FindsNobody(string text) => Assert.Empty(Parse(text));

    [Fact]
    public void Parse_SamePersonTwiceInAnyForm_IsListedOnceInOrderOfFirstMention()
    {
        Assert.Equal([Bob, Ann], Parse("@Bob van der Berg and @ann, then @Ann Lee and @ann@acme.test and @bob again"));
    }

    [Fact]
    public void Parse_FirstNameSharedByTwoMembers_MentionsNeither_ButFullNameDoes()
    {
        IReadOnlyList<MentionCandidate> members = [new(Ann, "Ann", "Lee", "a@x.test"), new(Bob, "Ann", "Other", "b@x.test")];
        Assert.Empty(MentionParser.Parse("@Ann hi", members));
        Assert.Equal([Bob], MentionParser.Parse("@Ann Other hi", members));
    }
}
