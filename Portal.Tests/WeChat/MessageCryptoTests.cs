using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Portal.Core.WeChat;

namespace Portal.Tests.WeChat;

public class MessageCryptoTests
{
    private const string V6 = "SENPARC_SAFE_MODE_2_PARTIAL";
    private const string V3 = "SENPARC_COMPAT_MODE_REAL";

    /// <summary>V1–V5: vectors whose published msg_signature is genuine. V6 is tested as the negative case it is.</summary>
    public static TheoryData<string> Genuine() => new(Vectors.Decrypt.Where(v => v.MsgSignature is not null).Select(v => v.Id));

    public static TheoryData<string> EncryptIds() => new(Vectors.Encrypt.Select(v => v.Id));

    [Theory]
    [MemberData(nameof(Genuine))]
    public void Msg_signature_recomputes(string id)
    {
        var v = Vectors.DecryptById(id);

        var computed = Signature.Compute(v.Token, v.Timestamp, v.Nonce, v.Encrypt);

        Assert.Equal(v.MsgSignature, computed);
        Assert.True(Signature.Matches(v.MsgSignature, computed));
    }

    [Theory]
    [MemberData(nameof(Genuine))]
    public void Decrypts_to_the_published_xml(string id)
    {
        var v = Vectors.DecryptById(id);

        Assert.Equal(v.DecryptedXml, new MessageCrypto(v.EncodingAesKey, v.AppId).Decrypt(v.Encrypt));
    }

    [Theory]
    [MemberData(nameof(Genuine))]
    public void Message_for_another_app_id_is_refused(string id)
    {
        var v = Vectors.DecryptById(id);
        var crypto = new MessageCrypto(v.EncodingAesKey, "wx0000000000000000");

        var e = Assert.Throws<MessageCryptoException>(() => crypto.Decrypt(v.Encrypt));

        Assert.Equal(MessageCryptoError.AppIdMismatch, e.Error);
        Assert.Equal(-40005, e.Code);
    }

    [Fact]
    public void App_id_must_match_exactly_not_by_prefix()
    {
        var v = Vectors.DecryptById(V3);

        Assert.Throws<MessageCryptoException>(() => new MessageCrypto(v.EncodingAesKey, v.AppId[..^1]).Decrypt(v.Encrypt));
        Assert.Throws<MessageCryptoException>(() => new MessageCrypto(v.EncodingAesKey, v.AppId.ToUpperInvariant()).Decrypt(v.Encrypt));
    }

    [Fact]
    public void V6_published_signature_is_a_url_signature_not_a_msg_signature()
    {
        var v = Vectors.DecryptById(V6);
        var msgSignature = Signature.Compute(v.Token, v.Timestamp, v.Nonce, v.Encrypt);

        Assert.False(Signature.Matches(v.Signature, msgSignature));
        Assert.Equal(v.Signature, Signature.Compute(v.Token, v.Timestamp, v.Nonce));
        Assert.Equal(v.MsgSignatureDerived, msgSignature);
    }

    [Fact]
    public void V6_decrypts_only_with_its_own_key()
    {
        var v = Vectors.DecryptById(V6);
        var pairedInTheSource = Vectors.DecryptById(V3).EncodingAesKey;

        Assert.Throws<MessageCryptoException>(() => new MessageCrypto(pairedInTheSource, v.AppId).Decrypt(v.Encrypt));
        var xml = new MessageCrypto(v.EncodingAesKey, v.AppId).Decrypt(v.Encrypt);
        Assert.Equal(v.DecryptedXml, xml);
        Assert.Contains("测试", xml, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EncryptIds))]
    public void Encrypts_byte_for_byte_as_the_official_sample(string id)
    {
        var v = Vectors.EncryptById(id);
        var crypto = new MessageCrypto(v.EncodingAesKey, v.AppId);

        var encrypt = crypto.Encrypt(v.Plaintext, Encoding.ASCII.GetBytes(v.Random16));

        Assert.Equal(v.Encrypt, encrypt);
        Assert.Equal(v.MsgSignatureDerived, Signature.Compute(v.Token, v.Timestamp, v.Nonce, encrypt));
        Assert.Equal(v.Plaintext, crypto.Decrypt(encrypt));
    }

    [Fact]
    public void Random_prefix_makes_each_ciphertext_different_and_each_decrypts()
    {
        var crypto = new MessageCrypto("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxb11529c136998cb6");
        const string text = "<xml><Content><![CDATA[你好 👋]]></Content></xml>";

        var first = crypto.Encrypt(text);
        var second = crypto.Encrypt(text);

        Assert.NotEqual(first, second);
        Assert.Equal(text, crypto.Decrypt(first));
        Assert.Equal(text, crypto.Decrypt(second));
    }

    [Fact]
    public void Every_padding_length_round_trips_in_32_byte_blocks()
    {
        var crypto = new MessageCrypto("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxb11529c136998cb6");

        // 20 header bytes + 18 AppId bytes + 0..63 message bytes covers every pad from 1 to 32.
        for (var length = 0; length < 64; length++)
        {
            var text = new string('x', length);
            var encrypt = crypto.Encrypt(text);

            Assert.Equal(0, Convert.FromBase64String(encrypt).Length % 32);
            Assert.Equal(text, crypto.Decrypt(encrypt));
        }
    }

    [Fact]
    public void Concurrent_use_of_one_instance_stays_correct()
    {
        var v = Vectors.DecryptById(V3);
        var crypto = new MessageCrypto(v.EncodingAesKey, v.AppId);
        var failures = 0;

        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var text = $"message {i}";
            if (crypto.Decrypt(v.Encrypt) != v.DecryptedXml || crypto.Decrypt(crypto.Encrypt(text)) != text)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Theory]
    [InlineData("not base64!", MessageCryptoError.Base64DecodeFailed)]
    [InlineData("", MessageCryptoError.DecryptFailed)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA=", MessageCryptoError.DecryptFailed)]
    public void Malformed_ciphertext_is_refused_with_its_code(string encrypt, MessageCryptoError expected)
    {
        var crypto = new MessageCrypto("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxb11529c136998cb6");

        Assert.Equal(expected, Assert.Throws<MessageCryptoException>(() => crypto.Decrypt(encrypt)).Error);
    }

    [Fact]
    public void Tampering_never_escapes_as_another_exception_type()
    {
        var v = Vectors.DecryptById(V3);
        var crypto = new MessageCrypto(v.EncodingAesKey, v.AppId);
        var cipher = Convert.FromBase64String(v.Encrypt);

        for (var i = 0; i < cipher.Length; i++)
        {
            var tampered = (byte[])cipher.Clone();
            tampered[i] ^= 0x55;
            var encrypt = Convert.ToBase64String(tampered);

            // CBC has no integrity (msg_signature provides it), so a flip early on may decrypt to altered text;
            // a flip in the last two blocks garbles the AppId or the padding and must be caught here.
            var error = Record.Exception(() => crypto.Decrypt(encrypt));
            if (error is not null || i >= cipher.Length - 32)
            {
                Assert.IsType<MessageCryptoException>(error);
            }
        }
    }

    [Fact]
    public void Truncated_ciphertext_is_refused()
    {
        var v = Vectors.DecryptById(V3);
        var cipher = Convert.FromBase64String(v.Encrypt);

        Assert.Throws<MessageCryptoException>(
            () => new MessageCrypto(v.EncodingAesKey, v.AppId).Decrypt(Convert.ToBase64String(cipher[..^16])));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(255)]
    public void Padding_outside_1_to_32_is_refused(byte padByte)
    {
        var encrypt = EncryptCrafted(lengthField: 5, padByte);

        Assert.Equal(MessageCryptoError.DecryptFailed, Assert.Throws<MessageCryptoException>(() => CraftedCrypto().Decrypt(encrypt)).Error);
    }

    [Theory]
    [InlineData(24)]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    public void Length_field_past_the_end_is_refused(int lengthField)
    {
        var encrypt = EncryptCrafted(lengthField, padByte: null);

        Assert.Equal(MessageCryptoError.IllegalBuffer, Assert.Throws<MessageCryptoException>(() => CraftedCrypto().Decrypt(encrypt)).Error);
    }

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDE*G")]
    [InlineData("")]
    public void Bad_encoding_aes_key_is_reported_when_configured(string key)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new MessageCrypto(key, "wxb11529c136998cb6"));

        Assert.Contains("EncodingAESKey", e.Message, StringComparison.Ordinal);
    }

    private const string CraftedKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const string CraftedAppId = "wxb11529c136998cb6";

    private static MessageCrypto CraftedCrypto() => new(CraftedKey, CraftedAppId);

    /// <summary>
    /// random(16) | lengthField | "hello" | AppId, padded to 32 bytes with the correct pad or the given byte,
    /// encrypted independently of the code under test.
    /// </summary>
    private static string EncryptCrafted(int lengthField, byte? padByte)
    {
        var body = new byte[16 + 4 + 5 + CraftedAppId.Length];
        BinaryPrimitives.WriteInt32BigEndian(body.AsSpan(16), lengthField);
        Encoding.UTF8.GetBytes("hello", body.AsSpan(20));
        Encoding.UTF8.GetBytes(CraftedAppId, body.AsSpan(25));
        var pad = 32 - (body.Length % 32);
        var padded = new byte[body.Length + pad];
        body.CopyTo(padded, 0);
        padded.AsSpan(body.Length).Fill(padByte ?? (byte)pad);

        var key = Convert.FromBase64String(CraftedKey + "=");
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(padded, key.AsSpan(0, 16), PaddingMode.None));
    }

    [Fact]
    public async Task Shared_crypto_round_trips_correctly_from_many_threads_at_once()
    {
        var crypto = new MessageCrypto("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxb11529c136998cb6");

        // More callers than the transforms kept for reuse, so some make their own and hand them back.
        var workers = Enumerable.Range(0, 16).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                var message = $"<xml><Content><![CDATA[{worker}/{i} {new string('m', i % 97)}]]></Content></xml>";
                Assert.Equal(message, crypto.Decrypt(crypto.Encrypt(message)));
            }
        }));

        await Task.WhenAll(workers);
    }

    [Fact]
    public void Every_message_of_a_long_run_is_encrypted_and_decrypted_as_if_alone()
    {
        // One crypto reused: its transforms carry state from message to message, which must never show.
        var crypto = CraftedCrypto();
        var key = Convert.FromBase64String(CraftedKey + "=");
        using var aes = Aes.Create();
        aes.Key = key;

        for (var i = 0; i < 60; i++)
        {
            var message = $"<xml><Content><![CDATA[{i} {new string('字', i * 7 % 53)}]]></Content></xml>";
            var random = Enumerable.Range(i, 16).Select(b => (byte)b).ToArray();
            var body = Encoding.UTF8.GetBytes(message);
            var plain = new byte[20 + body.Length + CraftedAppId.Length];
            random.CopyTo(plain, 0);
            BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16), body.Length);
            body.CopyTo(plain, 20);
            Encoding.UTF8.GetBytes(CraftedAppId, plain.AsSpan(20 + body.Length));
            var pad = 32 - (plain.Length % 32);
            var padded = plain.Concat(Enumerable.Repeat((byte)pad, pad)).ToArray();
            var expected = Convert.ToBase64String(aes.EncryptCbc(padded, key.AsSpan(0, 16), PaddingMode.None));

            Assert.Equal(expected, crypto.Encrypt(message, random));
            Assert.Equal(message, crypto.Decrypt(expected));
        }
    }
}
