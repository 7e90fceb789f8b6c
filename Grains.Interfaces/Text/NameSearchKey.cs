using System.Collections.Frozen;
using System.Text;

namespace Credit.Grains.Interfaces.Text;

/// <summary>The form of a name that the public search compares: what people write differently for one name left out, so that
/// whoever types the name as it is published finds it. The NFKC form (full-width letters and digits as half-width, the
/// no-break and ideographic spaces as spaces, CJK compatibility ideographs as the unified ones they stand for; a rare
/// character such as 𠮷 stays as it is), Latin letters in lower case, and without spaces, middle dots of any kind (a
/// minority name is written with ·, •, ・, ． or none, depending on the clerk's input method), hyphens, apostrophes,
/// quotation marks, commas and brackets.
/// <para>The stored names' keys are made by the SQL function <c>name_search_key</c>
/// (0790_public_search_name_key.sql), with these same tables; the query's here. They agree because both work by code point
/// with explicit tables rather than the database's locale.</para></summary>
public static class NameSearchKey
{
    /// <summary>Latin capitals (Basic Latin, Latin-1, Extended-A and -B, Extended Additional) with one lower-case letter each.</summary>
    public const string Capitals = "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮĴĶĹĻĽŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽƁƂƄƆƇƉƊƋƎƏƐƑƓƔƖƗƘƜƝƟƠƢƤƦƧƩƬƮƯƱƲƳƵƷƸƼǍǏǑǓǕǗǙǛǞǠǢǤǦǨǪǬǮǴǶǷǸǺǼǾȀȂȄȆȈȊȌȎȐȒȔȖȘȚȜȞȠȢȤȦȨȪȬȮȰȲȺȻȽȾɁɃɄɅɆɈɊɌɎḀḂḄḆḈḊḌḎḐḒḔḖḘḚḜḞḠḢḤḦḨḪḬḮḰḲḴḶḸḺḼḾṀṂṄṆṈṊṌṎṐṒṔṖṘṚṜṞṠṢṤṦṨṪṬṮṰṲṴṶṸṺṼṾẀẂẄẆẈẊẌẎẐẒẔẞẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸỺỼỾ";

    /// <summary>The lower-case letter of each of <see cref="Capitals"/>, at the same place.</summary>
    public const string SmallLetters = "abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįĵķĺļľłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷÿźżžɓƃƅɔƈɖɗƌǝəɛƒɠɣɩɨƙɯɲɵơƣƥʀƨʃƭʈưʊʋƴƶʒƹƽǎǐǒǔǖǘǚǜǟǡǣǥǧǩǫǭǯǵƕƿǹǻǽǿȁȃȅȇȉȋȍȏȑȓȕȗșțȝȟƞȣȥȧȩȫȭȯȱȳⱥȼƚⱦɂƀʉʌɇɉɋɍɏḁḃḅḇḉḋḍḏḑḓḕḗḙḛḝḟḡḣḥḧḩḫḭḯḱḳḵḷḹḻḽḿṁṃṅṇṉṋṍṏṑṓṕṗṙṛṝṟṡṣṥṧṩṫṭṯṱṳṵṷṹṻṽṿẁẃẅẇẉẋẍẏẑẓẕßạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹỻỽỿ";

    /// <summary>What the key leaves out: spaces, middle dots, hyphens, apostrophes and quotation marks, commas, brackets, the slash.</summary>
    public const string Ignored = "\u0020\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B\u202F\u205F\u2060\u3000\uFEFF.··᛫•․‧∙⋅⸱・ꞏ．･-‐‑‒–—―−﹘﹣－'‘’ʼ`\"“”＇,、，()（）[]【】〔〕<>《》〈〉/";

    private static readonly FrozenDictionary<char, char> Lower =
        Capitals.Zip(SmallLetters).ToFrozenDictionary(pair => pair.First, pair => pair.Second);

    private static readonly FrozenSet<char> Left = Ignored.ToFrozenSet();

    public static string Of(string name)
    {
        var normalised = name.IsNormalized(NormalizationForm.FormKC) ? name : name.Normalize(NormalizationForm.FormKC);
        var key = new StringBuilder(normalised.Length);
        foreach (var character in normalised)
        {
            if (!Left.Contains(character))
                key.Append(Lower.GetValueOrDefault(character, character));
        }
        return key.ToString();
    }

    /// <summary>Whether the key leaves the character out.</summary>
    public static bool IsIgnored(char character) => Left.Contains(character);
}
