namespace Gateway.Tests.Security;

/// <summary>Stored key hashes are SHA-256 of the key's UTF-8 bytes in lower-case hex, however the key is hashed.</summary>
public class KeyHasherTests
{
    [Theory]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("ключ", "1de36a32af798da0c1ac9297603a320ed8fe567cf21c9177112a4ce914ebb8be")]
    [InlineData(null, "42f78e7ca97bbff658f1dcd8b369dfcbff5bb98869aabb493cec60557d098f3b")]
    public void Hash_IsSha256OfTheUtf8InLowerCaseHex_AsAStringAndIntoASpan(string? key, string expected)
    {
        // null stands for a key longer than the stack buffer: "sk-gw-" and 300 × "x".
        key ??= "sk-gw-" + new string('x', 300);
        Span<char> written = stackalloc char[KeyHasher.HashLength];

        KeyHasher.Hash(key, written);

        Assert.Equal(expected, KeyHasher.Hash(key));
        Assert.Equal(expected, written.ToString());
    }
}
