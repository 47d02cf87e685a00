# Builds the Windows installer of tcdesk: the PyInstaller bundle, a quick smoke test, then Inno Setup.
#   pwsh packaging\windows\build_windows.ps1 [-Python python]
# Needs Python 3.11+ with tcdesk installed (pip install -e ".[bundle]") and Inno Setup 6 (ISCC.exe)
# on PATH or in its default folder.  Output: dist\tcdesk\ and dist\tcdesk-<version>-windows-x64-setup.exe
param([string]$Python = "python")
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root

function Invoke-Checked([string]$what, [scriptblock]$block) {
    & $block
    if ($LASTEXITCODE -ne 0) { throw "$what failed with exit code $LASTEXITCODE" }
}

Invoke-Checked "PyInstaller" { & $Python -m PyInstaller --noconfirm --clean packaging\tcdesk.spec }
$version = (& $Python -c "import tcdesk; print(tcdesk.__version__)").Trim()
$cli = Join-Path $root "dist\tcdesk\tcdesk-cli.exe"

# Smoke test with the console twin of the program (the GUI one has no stdout on Windows).
$printed = (& $cli --version).Trim()
if ($printed -ne "tcdesk $version") { throw "--version printed '$printed', expected 'tcdesk $version'" }
Invoke-Checked "check" { & $cli check examples\northmoor-clean.tcdesk.json }
$pdf = Join-Path $env:TEMP "tcdesk-smoke.pdf"
Invoke-Checked "export --to pdf" { & $cli export examples\northmoor-clean.tcdesk.json --to pdf --out $pdf }
$head = [System.Text.Encoding]::ASCII.GetString([System.IO.File]::ReadAllBytes($pdf)[0..4])
if ($head -ne "%PDF-") { throw "the export is not a PDF" }

# The editor, offscreen, must open the example; it is then stopped.
$log = Join-Path $env:TEMP "tcdesk-smoke-gui.log"
$env:QT_QPA_PLATFORM = "offscreen"
$env:TCDESK_REPORT_STARTUP = "1"
$gui = Start-Process -FilePath $cli -ArgumentList "open", "examples\northmoor-clean.tcdesk.json" `
    -RedirectStandardOutput $log -PassThru -NoNewWindow
$deadline = (Get-Date).AddSeconds(60)
while (-not ((Test-Path $log) -and (Select-String -Path $log -Pattern "file open after" -Quiet))) {
    if ($gui.HasExited) { throw "the editor exited early: $(Get-Content $log -Raw)" }
    if ((Get-Date) -gt $deadline) { Stop-Process -Id $gui.Id -Force; throw "the editor did not open the example in 60 s" }
    Start-Sleep -Milliseconds 200
}
Stop-Process -Id $gui.Id -Force
Remove-Item Env:QT_QPA_PLATFORM, Env:TCDESK_REPORT_STARTUP
Write-Host "smoke: passed ($(Get-Content $log -Raw))"

$iscc = Get-Command iscc -ErrorAction SilentlyContinue
$isccPath = if ($iscc) { $iscc.Source } else { Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
Invoke-Checked "Inno Setup" { & $isccPath "/DAppVersion=$version" packaging\windows\tcdesk.iss }
Write-Host "installer: dist\tcdesk-$version-windows-x64-setup.exe"
