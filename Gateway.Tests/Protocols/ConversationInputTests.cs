using System.Collections.Frozen;

namespace Gateway.Tests.Protocols;

/// <summary>SPEC 5.3 conversation state: previous_response_id and item_reference rebuilt for a Chat upstream, unknown ids refused.</summary>
public sealed class ConversationInputTests
{
    private static readonly ConversationHistory Stored = new()
    {
        PreviousResponseId = "resp_2",
        ConversationId = "resp_1",
        PreviousItems =
        [
            """{"type":"message","role":"user","content":"My name is Ada."}""",
            """{"id":"msg_1","type":"message","role":"assistant","status":"completed","content":[{"type":"output_text","text":"Hello Ada."}]}""",
            """{"type":"message","role":"user","content":"I like tea."}""",
            """{"id":"msg_2","type":"message","role":"assistant","status":"completed","content":[{"type":"output_text","text":"Noted."}]}""",
        ],
        ReferencedItems = new Dictionary<string, string>
        {
            ["msg_1"] = """{"id":"msg_1","type":"message","role":"assistant","status":"completed","content":[{"type":"output_text","text":"Hello Ada."}]}""",
        }.ToFrozenDictionary(),
    };

    [Fact]
    public void PreviousResponseId_PutsTheWholeStoredConversationBeforeTheInput()
    {
        var converted = Conversions.ToChat(Golden.Parse("""{"model":"m","instructions":"Be kind.","previous_response_id":"resp_2","input":"What is my name?"}"""), history: Stored);

        Golden.AssertEqual("""
            [
              {"role":"system","content":"Be kind."},
              {"role":"user","content":"My name is Ada."},
              {"role":"assistant","content":"Hello Ada."},
              {"role":"user","content":"I like tea."},
              {"role":"assistant","content":"Noted."},
              {"role":"user","content":"What is my name?"}
            ]
            """, converted["messages"]);
        Assert.False(converted.ContainsKey("previous_response_id"));
    }

    [Fact]
    public void ItemReferences_AreReplacedByTheItemsTheyName_TypedOrNot()
    {
        var converted = Conversions.ToChat(Golden.Parse("""
            {"model":"m","input":[
              {"role":"user","content":"My name is Ada."},
              {"type":"item_reference","id":"msg_1"},
              {"id":"msg_1"},
              {"role":"user","content":"Again?"}
            ]}
            """), history: Stored);

        Golden.AssertEqual("""
            [
              {"role":"user","content":"My name is Ada."},
              {"role":"assistant","content":"Hello Ada."},
              {"role":"assistant","content":"Hello Ada."},
              {"role":"user","content":"Again?"}
            ]
            """, converted["messages"]);
    }

    [Theory]
    [InlineData("""{"model":"m","previous_response_id":"resp_unknown","input":"x"}""", "previous_response_not_found", "previous_response_id")]
    [InlineData("""{"model":"m","input":[{"type":"item_reference","id":"msg_unknown"}]}""", "item_not_found", "input")]
    public void UnknownIds_AreRefused_NeverSilentlyDropped(string request, string code, string param)
    {
        var refused = Assert.Throws<ConversionRejectedException>(() => Conversions.ToChat(Golden.Parse(request), history: Stored));

        Assert.Equal((code, param), (refused.Code, refused.Param));
        Assert.Contains("_unknown", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void References_AreFoundInTheRequest_OnlyWhenItHasSome()
    {
        using var none = System.Text.Json.JsonDocument.Parse("""{"model":"m","input":[{"role":"user","content":"x"},{"id":"msg_9","type":"message","role":"assistant","content":"y"}]}""");
        using var some = System.Text.Json.JsonDocument.Parse("""{"model":"m","previous_response_id":"resp_1","input":[{"type":"item_reference","id":"msg_1"},{"id":"fc_2"}]}""");

        Assert.Null(ConversationReferences.From(none.RootElement));
        var references = ConversationReferences.From(some.RootElement)!;
        Assert.Equal("resp_1", references.PreviousResponseId);
        Assert.Equal(["msg_1", "fc_2"], references.ItemIds);
    }
}
