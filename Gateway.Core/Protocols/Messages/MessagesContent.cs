using System.Text.RegularExpressions;

namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// The content both APIs can carry, block ↔ part: images (an Anthropic <c>base64</c> source ↔ a Chat <c>image_url</c> data
/// URL, a <c>url</c> source ↔ the URL) and PDF documents (an Anthropic <c>document</c> ↔ a Chat <c>file</c> part with
/// <c>file_data</c>); plus tool ids, which Anthropic limits to letters, digits, <c>_</c> and <c>-</c>. Content one side cannot
/// name (an uploaded file id, a document by URL) is dropped.
/// </summary>
internal static partial class MessagesContent
{
    private const string DefaultDocumentName = "document.pdf";

    public static JsonObject? ImageToChat(JsonObject block) =>
        SourceUrl(block["source"].Obj()) is { } url
            ? new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = url } }
            : null;

    public static JsonObject? DocumentToChat(JsonObject block)
    {
        var source = block["source"].Obj();
        return source?["type"].Str() switch
        {
            "base64" => new JsonObject
            {
                ["type"] = "file",
                ["file"] = new JsonObject { ["filename"] = block["title"].Str() ?? DefaultDocumentName, ["file_data"] = SourceUrl(source) },
            },
            "text" => new JsonObject { ["type"] = "text", ["text"] = source["data"].Str() ?? "" },
            "content" => new JsonObject { ["type"] = "text", ["text"] = JsonNodes.JoinedText(source["content"]) ?? "" },
            _ => null,
        };
    }

    public static JsonObject? ImageFromChat(JsonObject part)
    {
        var image = part["image_url"];
        var url = image.Str() ?? image.Obj()?["url"].Str();
        if (url is null)
        {
            return null;
        }

        var source = DataUrl().Match(url) is { Success: true } data
            ? new JsonObject { ["type"] = "base64", ["media_type"] = data.Groups["type"].Value, ["data"] = data.Groups["data"].Value }
            : new JsonObject { ["type"] = "url", ["url"] = url };
        return new JsonObject { ["type"] = "image", ["source"] = source };
    }

    public static JsonObject? FileFromChat(JsonObject part)
    {
        var file = part["file"].Obj();
        if (file?["file_data"].Str() is not { } fileData || DataUrl().Match(fileData) is not { Success: true } data)
        {
            return null;
        }

        var document = new JsonObject
        {
            ["type"] = "document",
            ["source"] = new JsonObject { ["type"] = "base64", ["media_type"] = data.Groups["type"].Value, ["data"] = data.Groups["data"].Value },
        };
        document.SetCopy("title", file["filename"]);
        return document;
    }

    /// <summary>
    /// A tool call id Anthropic accepts. Providers such as Kimi use ids like <c>functions.get_weather:0</c>; the same
    /// replacement is applied to a call and to its result, so they still pair up.
    /// </summary>
    public static string ToolUseId(string? id) => string.IsNullOrEmpty(id) ? ConversionIds.New("toolu_") : InvalidIdCharacters().Replace(id, "_");

    private static string? SourceUrl(JsonObject? source) => source?["type"].Str() switch
    {
        "base64" => $"data:{source["media_type"].Str()};base64,{source["data"].Str()}",
        "url" => source["url"].Str(),
        _ => null,
    };

    [GeneratedRegex(@"^data:(?<type>[^;,]+);base64,(?<data>.*)$", RegexOptions.Singleline)]
    private static partial Regex DataUrl();

    [GeneratedRegex("[^a-zA-Z0-9_-]")]
    private static partial Regex InvalidIdCharacters();
}
