namespace MlOps.Gates.Tests;

public sealed class SecretsTests
{
    [Theory]
    [InlineData("Authorization: token ghs_abcdefghij1234567890", "ghs_abcdefghij1234567890")]
    [InlineData("{\"authorization\":\"Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig\"}", "eyJhbGciOiJIUzI1NiJ9")]
    [InlineData("you sent basic dXNlcjpwYXNzd29yZA== here", "dXNlcjpwYXNzd29yZA==")]
    [InlineData("token github_pat_11ABCDEFG0123456789_abcdefghijklmnop leaked", "github_pat_11ABCDEFG")]
    [InlineData("GET https://user:s3cretpass@mlflow.example/api", "s3cretpass")]
    [InlineData("password=hunter2hunter2", "hunter2")]
    public void Credential_shapes_are_removed(string text, string secret)
    {
        var scrubbed = Secrets.Scrub(text);

        Assert.DoesNotContain(secret, scrubbed, StringComparison.Ordinal);
        Assert.Contains(Secrets.Mask, scrubbed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_secret_is_removed_wherever_it_appears()
    {
        Assert.Equal("value *** in the body", Secrets.Scrub("value plainsecretvalue in the body", "plainsecretvalue"));
    }

    [Fact]
    public void Ordinary_text_is_kept()
    {
        const string text = "Validation Failed: 'body' is too long (maximum is 65536 characters)";

        Assert.Equal(text, Secrets.Scrub(text));
    }
}
