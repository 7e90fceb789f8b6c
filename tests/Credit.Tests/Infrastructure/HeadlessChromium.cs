using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;
using OpenQA.Selenium.Support.UI;

namespace Credit.Tests.Infrastructure;

/// <summary>A real Chromium, headless, driven over WebDriver: Debian's <c>chromium</c> and
/// <c>chromium-driver</c> packages, never a browser or driver that Selenium Manager would download (the
/// machines reach no such site). Each instance has its own fresh profile.</summary>
public sealed class HeadlessChromium : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly DirectoryInfo profile;

    private HeadlessChromium(ChromeDriver driver, DirectoryInfo profile)
    {
        Driver = driver;
        this.profile = profile;
    }

    public ChromeDriver Driver { get; }

    /// <summary>A desktop-sized window.</summary>
    public static HeadlessChromium Desktop() => Start(options => options.AddArgument("--window-size=1280,900"));

    /// <summary>A window of exactly <paramref name="width"/>×<paramref name="height"/> CSS pixels, as a wall screen is (1920×1080,
    /// or 1080×1920 turned on its side).</summary>
    public static HeadlessChromium Screen(int width, int height)
    {
        var browser = Start(options => options.AddArgument($"--window-size={width},{height}"));
        // The window's size includes whatever Chromium keeps for itself; the page must get the screen's whole size.
        browser.Driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false,
        });
        return browser;
    }

    /// <summary>A phone: Chromium's mobile emulation at <paramref name="width"/>×<paramref name="height"/> CSS
    /// pixels, so the page's viewport meta tag decides the layout width as it would on the device.</summary>
    public static HeadlessChromium Phone(int width = 390, int height = 844) => Start(options =>
        options.EnableMobileEmulation(new ChromiumMobileEmulationDeviceSettings
        {
            Width = width,
            Height = height,
            PixelRatio = 3,
            EnableTouchEvents = true,
            UserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36",
        }));

    private static HeadlessChromium Start(Action<ChromeOptions> configure)
    {
        // CI installs both packages (./credit test); a machine without them must fail loudly, not skip.
        if (!File.Exists(DriverPath))
            Assert.Fail($"{DriverPath} not found: the browser tests need Debian's chromium and chromium-driver packages (apt-get install -y chromium chromium-driver; ./credit test installs them).");
        if (!File.Exists(BrowserPath))
            Assert.Fail($"{BrowserPath} not found: the browser tests need Debian's chromium package (apt-get install -y chromium chromium-driver; ./credit test installs them).");

        var profile = Directory.CreateTempSubdirectory("credit-chromium-");
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--lang=zh-CN",
            $"--user-data-dir={profile.FullName}");
        configure(options);

        // An explicit driver path means Selenium Manager is never asked to find (or fetch) one.
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        try
        {
            var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
            driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
            return new HeadlessChromium(driver, profile);
        }
        catch
        {
            service.Dispose();
            profile.Delete(recursive: true);
            throw;
        }
    }

    public void Open(Uri address) => Driver.Navigate().GoToUrl(address);

    public IWebElement Find(string cssSelector) => Driver.FindElement(By.CssSelector(cssSelector));

    public IReadOnlyList<IWebElement> FindAll(string cssSelector) => Driver.FindElements(By.CssSelector(cssSelector));

    public bool IsShown(string cssSelector) => FindAll(cssSelector).Any(element => element.Displayed);

    /// <summary>Replaces what a person would have typed in an input. ChromeDriver types only characters of the Basic Multilingual
    /// Plane; text with others (𠮷, CJK Extension B) is put in as an input method or a paste puts it, with an input event.</summary>
    public void Type(string cssSelector, string text)
    {
        var input = Find(cssSelector);
        input.Clear();
        if (text.Any(char.IsSurrogate))
            Script<object>("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', { bubbles: true })); return null;", input, text);
        else if (text.Length > 0)
            input.SendKeys(text);
    }

    /// <summary>Waits until <paramref name="condition"/> holds (a non-null, non-false value), tolerating
    /// elements that are not there yet or were just re-rendered.</summary>
    public T WaitUntil<T>(Func<HeadlessChromium, T> condition, string what)
    {
        var wait = new WebDriverWait(Driver, Patience);
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        try
        {
            return wait.Until(_ => condition(this));
        }
        catch (WebDriverTimeoutException timeout)
        {
            // What the page shows when the wait gives up is what tells a slow answer from a wrong one.
            throw new WebDriverTimeoutException($"Waited {Patience.TotalSeconds:0} s for {what}. The page shows: {VisibleText()}", timeout);
        }
    }

    private string VisibleText()
    {
        var text = Script<string>("return document.body ? document.body.innerText : '';") ?? "";
        return text.Length <= 600 ? text : text[..600] + "…";
    }

    public T Script<T>(string script, params object[] arguments) => (T)Driver.ExecuteScript(script, arguments)!;

    /// <summary>Saves what the browser shows, for a person to look at.</summary>
    public string Screenshot(string fileName)
    {
        var path = Path.Combine(Path.GetTempPath(), fileName);
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Driver.Quit(); // closes Chromium and stops chromedriver
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be writing its profile while it exits; the folder is in /tmp.
            }
        }
    }
}
