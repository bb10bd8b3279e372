/* global window, document */
/*
 * Inlined into taskpane.html (ES5 on purpose). With <Runtimes> in the manifest, Excel on a
 * Windows PC without the WebView2 runtime shows the add-in in Internet Explorer 11, where the
 * ES2020 bundle never starts and the pane would say 正在加载 forever. This says why instead.
 */
(function (window, document) {
  var supported = true;
  try {
    // Syntax the bundle uses (ES2020): optional chaining, nullish coalescing, async arrows.
    new Function('var a = {}; return a?.b ?? (async function () {});');
  } catch (ignored) { // eslint-disable-line @typescript-eslint/no-unused-vars
    supported = false;
  }
  if (supported) return;
  var root = document.getElementById('root');
  if (!root) return;
  root.innerHTML =
    '<div role="alert" style="padding:12px;line-height:1.6">' +
    '<p style="margin:0 0 8px;font-weight:600">此 Excel 版本无法运行绩效自评助手。</p>' +
    '<p style="margin:0 0 8px">当前 Excel 使用 Internet Explorer 11 显示加载项（电脑上没有 Microsoft Edge WebView2 运行时，或 Office 版本过旧）。</p>' +
    '<p style="margin:0 0 8px">支持的版本：Windows 版 Excel 2021（LTSC，版本 2108 及以上）、Excel 2024、Microsoft 365 订阅版（需安装 WebView2 运行时），Mac 版 Excel 16.50 及以上，Excel 网页版。</p>' +
    '<p style="margin:0">请安装 WebView2 运行时（https://go.microsoft.com/fwlink/p/?LinkId=2124703）或升级 Office 后重新打开加载项；也可以在 Excel 网页版中使用。</p>' +
    '</div>';
})(window, document);
