// Sets the page's share card through WeChat's JS-SDK, inside WeChat only. The config is signed by the
// server for this page's exact URL (without the fragment), as the JS-SDK requires.
(() => {
  if (!/MicroMessenger/i.test(navigator.userAgent)) return;
  const meta = (name) => document.querySelector(`meta[name="portal:${name}"]`)?.content;
  const title = meta("share-title");
  if (!title) return;
  const sdk = document.createElement("script");
  sdk.src = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js";
  sdk.onload = async () => {
    const url = location.href.split("#")[0];
    const response = await fetch(`/jssdk/config?url=${encodeURIComponent(url)}`);
    if (!response.ok) return;
    const config = await response.json();
    wx.config({ ...config, jsApiList: ["updateAppMessageShareData", "updateTimelineShareData"] });
    wx.ready(() => {
      const card = { title, desc: meta("share-description") || "", link: meta("share-link") || url, imgUrl: meta("share-image") || "" };
      wx.updateAppMessageShareData(card);
      wx.updateTimelineShareData(card);
    });
  };
  document.head.append(sdk);
})();
