# Build report-writer for Windows: one command on a Windows 10/11 machine with Python 3.11.
#
#   powershell -ExecutionPolicy Bypass -File scripts\build-windows.ps1            # build + smoke test
#   powershell -ExecutionPolicy Bypass -File scripts\build-windows.ps1 -NoSmoke   # build only
#
# Makes dist\report-writer\ with report-writer.exe (the desktop app: no console window, our icon, a
# version resource) and report-writer-cli.exe (the same program with a console: demo, export, check …),
# and dist\report-writer-<version>-windows-x64.zip of that folder. Dependencies come from pyproject.toml.
# Saved as UTF-8 with a byte-order mark so that Windows PowerShell 5.1 reads the Chinese text right.
# NOT TESTED on this project's own machines (they run Linux); the GitHub workflow windows.yml runs it.
param([switch]$NoSmoke)
$ErrorActionPreference = "Stop"
# The programs print UTF-8 (the bundle runs Python in UTF-8 mode): read their output as such.
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
Set-Location (Split-Path -Parent $PSScriptRoot)

function Find-Python311 {
    # Returns the command as an array, e.g. @("py", "-3.11"); the leading comma keeps it an array.
    foreach ($candidate in @("py -3.11", "python", "python3")) {
        $parts = @($candidate -split " ")
        $rest = @($parts | Select-Object -Skip 1)
        if (Get-Command $parts[0] -ErrorAction SilentlyContinue) {
            $version = & $parts[0] @rest -c "import sys; print('%d.%d' % sys.version_info[:2])" 2>$null
            if ($version -eq "3.11") { return ,$parts }
        }
    }
    throw "找不到 Python 3.11：请从 python.org 安装 Python 3.11（勾选 py 启动器）后重试。"
}

function Invoke-Checked {
    param([string]$Exe, [string[]]$Arguments)
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "命令失败（$LASTEXITCODE）：$Exe $($Arguments -join ' ')" }
}

$started = Get-Date
$python = Find-Python311
$venv = ".venv-windows"
if (-not (Test-Path "$venv\Scripts\python.exe")) {
    Write-Host "== 创建 $venv"
    Invoke-Checked $python[0] (@($python | Select-Object -Skip 1) + @("-m", "venv", $venv))
}
$py = (Resolve-Path "$venv\Scripts\python.exe").Path
Write-Host "== 安装依赖（pyproject.toml 的 dependencies 与 bundle）"
Invoke-Checked $py @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Invoke-Checked $py @("-m", "pip", "install", "--quiet", "-e", ".[bundle]")

Write-Host "== 图标（packaging\icon\report-writer.svg -> build\icons\report-writer.ico）"
Invoke-Checked $py @("scripts\render_icons.py", "build\icons")

# The context language model (fcitx5's zh_CN.lm, LGPL-2.1+): scripts\fetch_language_model.py downloads Debian's
# libime-data-language-model at the version and SHA-256 pinned in it (cached in build\lm-cache), checks it and
# unpacks the model with its notice and licence texts into build\lm; build.spec bundles it. A model named by
# REPORT_WRITER_BUNDLE_LM is used instead; REPORT_WRITER_NO_LM=1 builds without (build.spec honours it).
if ($env:REPORT_WRITER_NO_LM -eq "1") {
    Write-Host "== REPORT_WRITER_NO_LM=1：不带上下文语言模型（程序照常工作，校对设置中会说明）"
} elseif ($env:REPORT_WRITER_BUNDLE_LM) {
    Write-Host "== 上下文语言模型：$env:REPORT_WRITER_BUNDLE_LM"
} else {
    Write-Host "== 上下文语言模型（scripts\fetch_language_model.py；不要它时设 REPORT_WRITER_NO_LM=1）"
    Invoke-Checked $py @("-X", "utf8", "scripts\fetch_language_model.py", "--output", "build\lm")
    $env:REPORT_WRITER_BUNDLE_LM = (Resolve-Path "build\lm\zh_CN.lm").Path
}
Write-Host "== PyInstaller"
Invoke-Checked $py @("-m", "PyInstaller", "--noconfirm", "--clean", "build.spec")

$version = & $py -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
$zip = "dist\report-writer-$version-windows-x64.zip"
if (Test-Path $zip) { Remove-Item $zip }
Compress-Archive -Path "dist\report-writer" -DestinationPath $zip

if (-not $NoSmoke) {
    Write-Host "== 冒烟测试"
    $env:REPORT_WRITER_HOME = (New-Item -ItemType Directory -Force "build\smoke-home").FullName
    Invoke-Checked "dist\report-writer\report-writer-cli.exe" @("demo", "-o", "build\smoke.docx")
    $env:QT_QPA_PLATFORM = "offscreen"
    $env:REPORT_WRITER_SMOKE = "1"
    $output = & "dist\report-writer\report-writer-cli.exe" 2>&1 | Out-String
    Remove-Item Env:\QT_QPA_PLATFORM, Env:\REPORT_WRITER_SMOKE
    Write-Host $output
    if ($output -notmatch "窗口已打开" -or $output -notmatch "校对进程已运行") { throw "窗口冒烟测试失败" }
    # the bundled model loads in the checking process (kenlm-ex's Windows build reading Debian's file)
    if ($env:REPORT_WRITER_NO_LM -ne "1" -and $output -notmatch "校对进程的上下文语言模型：已启用") {
        throw "上下文语言模型没有启用"
    }
    Invoke-Checked $py @("-c", "import docx; d = docx.Document(r'build\smoke.docx'); assert d.paragraphs[0].text.startswith('凝心聚力'); print('bundle ok')")
}
$size = "{0:N1} MB" -f ((Get-Item $zip).Length / 1MB)
Write-Host "== 完成：$zip（$size），用时 $([int]((Get-Date) - $started).TotalSeconds) 秒"
