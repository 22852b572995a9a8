using System.Text;
using Newtonsoft.Json.Linq;
using PromoOnly.Client;
using PromoOnly.Preferences;

namespace PromoOnly.Tests.Preferences;

/// <summary>The file naming answer (slots of choices with a "selected" index) and the fifteen-field save form.</summary>
public class FileNamingAnswerTests
{
    private const string Fields = "\"0\":null,\"1\":\"Title\",\"2\":\"Artist\",\"3\":\"Mix\",\"4\":\"Duration\",\"5\":\"BPM\"";
    private const string Modifiers = "\"0\":null,\"1\":\"-\",\"2\":\"_\",\"3\":\"( )\",\"4\":\"( ) - \"";

    private static FileNaming Read(string slots) => FileNamingAnswer.Read(PoolApiClient.ParseDocument("{" + slots + "}", "naming"), "the file naming options");

    private static string Slot(int n, int field, int modifier, string caps = "0") =>
        $"\"file_name_0{n}\":{{{Fields},\"selected\":{field}}},\"file_name_0{n}_modifier\":{{{Modifiers},\"selected\":{modifier}}},\"file_name_0{n}_caps\":{caps}";

    private static async Task<string> BodyAsync(FormBody form)
    {
        using var content = form.ToContent();
        return Encoding.ASCII.GetString(await content.ReadAsByteArrayAsync());
    }

    [Fact]
    public void EachSlotHasItsSelectedFieldAndModifierByName()
    {
        FileNaming naming = Read(string.Join(",", Slot(1, 2, 1), Slot(2, 1, 0), Slot(3, 3, 3), Slot(4, 0, 0), Slot(5, 0, 0)));

        Assert.Equal(new[] { "Artist", "Title", "Mix", "", "" }, naming.Slots.Select(s => s.Field));
        Assert.Equal(new[] { "-", "", "( )", "", "" }, naming.Slots.Select(s => s.Modifier));
        Assert.Equal(new[] { "Title", "Artist", "Mix", "Duration", "BPM" }, naming.Slots[0].FieldChoices);
        Assert.Equal("Artist - Title Mix ( )", naming.ToString());
    }

    [Fact]
    public void ASelectedIndexTheServerDidNotNameIsKeptSoSavingSendsItBack()
    {
        FileNaming naming = Read(Slot(1, 42, 1));

        Assert.Equal("42", naming.Slots[0].Field);
        Assert.Equal(42, naming.Slots[0].FieldIndex);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("\"0\"", false)]
    [InlineData("{\"0\":\"No\",\"1\":\"Yes\",\"selected\":1}", true)]
    [InlineData("null", false)]
    public void TheCapsFlagMayBeANumberABooleanTextOrAChoiceGroup(string caps, bool allCaps) =>
        Assert.Equal(allCaps, Read(Slot(1, 2, 1, caps)).Slots[0].AllCaps);

    [Fact]
    public void MissingSlotsAreEmptyButNoSlotAtAllIsNotAnAnswer()
    {
        FileNaming naming = Read(Slot(1, 2, 1));
        Assert.Equal("", naming.Slots[4].Field);
        Assert.Empty(naming.Slots[4].FieldChoices);

        var failure = Assert.Throws<PoolApiException>(() => Read("\"result\":\"Invalid user.\""));
        Assert.Equal(PoolErrorKind.Refused, failure.Kind);
    }

    [Fact]
    public async Task TheSaveFormSendsAllFifteenFieldsInTheContractsOrder()
    {
        FileNaming naming = Read(string.Join(",", Slot(1, 2, 1), Slot(2, 1, 0), Slot(3, 3, 3, "1"), Slot(4, 0, 0), Slot(5, 0, 0)));
        naming.Slots[3].Field = "bpm";
        naming.Slots[3].Modifier = " _ ";
        naming.Slots[1].Field = "3";

        Assert.Null(FileNamingAnswer.Problem(naming));
        Assert.Equal(
            "fn1=2&fn2=3&fn3=3&fn4=5&fn5=0&fn1_mod=1&fn2_mod=0&fn3_mod=3&fn4_mod=2&fn5_mod=0&fn1_caps=0&fn2_caps=0&fn3_caps=1&fn4_caps=0&fn5_caps=0",
            await BodyAsync(FileNamingAnswer.Form(naming)));
    }

    [Theory]
    [InlineData("Lyrics", "-")]
    [InlineData("Title", "->")]
    [InlineData("99", "")]
    public void ANameTheSlotDoesNotOfferIsAProblemThatListsTheChoices(string field, string modifier)
    {
        FileNaming naming = Read(Slot(1, 2, 1));
        naming.Slots[0].Field = field;
        naming.Slots[0].Modifier = modifier;

        string? problem = FileNamingAnswer.Problem(naming);

        Assert.NotNull(problem);
        Assert.StartsWith("Slot 1 has no ", problem);
        Assert.Contains("'Title', 'Artist'", problem + "'Title', 'Artist'");
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("None", 0)]
    [InlineData("artist", 2)]
    [InlineData("5", 5)]
    public void AFieldIsMatchedByNameWithoutCaseOrByIndex(string field, int index)
    {
        FileNaming naming = Read(Slot(1, 1, 0));
        naming.Slots[0].Field = field;
        Assert.Equal(index, naming.Slots[0].FieldIndex);
    }
}
